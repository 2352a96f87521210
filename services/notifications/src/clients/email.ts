import { randomUUID } from 'node:crypto';
import type { MailKind } from '@shopmesh/contracts';
import type { Bindings, Clock, Logger } from '@shopmesh/platform';
import type { MailboxStore } from '../db/mailbox-store';

export interface EmailMessage {
  subject: string;
  body: string;
  /** The recipient when it is known here (identity's mail); order mail names the user in metadata. */
  to?: string;
  kind?: MailKind;
}

export type SendEmail = (message: EmailMessage, metadata: Record<string, string>) => Promise<void>;

/**
 * Emails through the `email` binding. A failure is logged and swallowed: the notification is already
 * stored, and failing the event handler would redeliver it to an inbox that skips it anyway.
 */
export function bindingEmailSender(bindings: Bindings, logger: Logger): SendEmail {
  return async (message, metadata) => {
    try {
      // bindings.smtp reads the recipient and subject from the metadata.
      const addressing: Record<string, string> = message.to ? { emailTo: message.to, subject: message.subject } : {};
      await bindings.invoke('email', 'create', { subject: message.subject, body: message.body }, { ...metadata, ...addressing });
    } catch (err) {
      logger.warn({ err, ...metadata }, 'email binding failed; email not sent');
    }
  };
}

/**
 * Keeps a copy of every mail in the dev mailbox before it goes to the binding, so an admin of an
 * embedded shop (which has no mail server) can read password-reset and verification links.
 */
export function withDevMailbox(send: SendEmail, mailbox: MailboxStore, clock: Clock): SendEmail {
  return async (message, metadata) => {
    await mailbox.keep({
      id: randomUUID(),
      to: message.to ?? null,
      subject: message.subject,
      body: message.body,
      kind: message.kind ?? 'order-confirmed',
      sentAt: clock.now(),
    });
    await send(message, metadata);
  };
}

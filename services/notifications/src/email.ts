import type { Bindings, Logger } from '@shopmesh/platform';

export interface EmailMessage {
  subject: string;
  body: string;
}

export type SendEmail = (message: EmailMessage, metadata: Record<string, string>) => Promise<void>;

/**
 * Emails through the `email` binding. A failure is logged and swallowed: the notification is already
 * stored, and failing the event handler would redeliver it to an inbox that skips it anyway.
 */
export function bindingEmailSender(bindings: Bindings, logger: Logger): SendEmail {
  return async (message, metadata) => {
    try {
      await bindings.invoke('email', 'create', message, metadata);
    } catch (err) {
      logger.warn({ err, ...metadata }, 'email binding failed; email not sent');
    }
  };
}

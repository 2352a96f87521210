import { z } from 'zod';
import type { SendMailRequest } from '@shopmesh/contracts';
import type { Invoker } from '@shopmesh/platform';
import type { Mailer } from '../domain/ports';

/** Notifications as identity uses it: it sends identity's mail through the email binding. */
export function notificationsMailer(invoke: Invoker): Mailer {
  return {
    async send(mail: SendMailRequest) {
      await invoke.json('notifications', { method: 'POST', path: '/internal/mail', body: mail }, z.unknown());
    },
  };
}

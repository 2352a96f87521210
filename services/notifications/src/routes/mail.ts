import Router from '@koa/router';
import { DevMailQuery, SendMailRequest, type DevMail, type DevMailPage } from '@shopmesh/contracts';
import { parseBody, parseQuery, requireRole, unavailableFeature } from '@shopmesh/platform';
import type { DevMailRow } from '../db/dev-mail.entity';
import type { MailboxStore } from '../db/mailbox-store';
import type { SendEmail } from '../clients/email';

const toDevMail = (row: DevMailRow): DevMail => ({ ...row, sentAt: row.sentAt.toISOString() });

/**
 * Mail other services ask to send (identity's reset and verification links) by invocation, and the
 * dev mailbox an admin reads; `mailbox` is absent where mail only leaves through the binding.
 */
export function mailRouter(sendEmail: SendEmail, mailbox: MailboxStore | undefined): Router {
  const router = new Router();

  router.post('/internal/mail', async (ctx) => {
    const { to, subject, body, kind } = parseBody(ctx, SendMailRequest);
    await sendEmail({ to, subject, body, kind }, { kind });
    ctx.status = 202;
  });

  router.get('/admin/mail', async (ctx) => {
    requireRole(ctx.state.user, 'admin');
    const { to, page, pageSize } = parseQuery(ctx, DevMailQuery);
    if (!mailbox) throw unavailableFeature('dev-mailbox-off', 'The dev mailbox is off here (NOTIFICATIONS_DEV_MAILBOX); mail leaves through the email binding');
    const { items, total } = await mailbox.page(to, page, pageSize);
    ctx.set('cache-control', 'no-store');
    ctx.body = { items: items.map(toDevMail), total, page, pageSize } satisfies DevMailPage;
  });

  return router;
}

import { z } from 'zod';
import { env } from '@shopmesh/platform';

/** Notifications settings, read from the environment at start-up. */
export const NotificationsConfig = z.object({
  /** Interval of the SSE keep-alive comments. */
  NOTIFICATIONS_KEEPALIVE_MS: env.int(15_000).pipe(z.number().min(100)),
  SHOPMESH_RUNTIME: z.enum(['embedded', 'dapr']).default('embedded'),
  /** Keep a copy of sent mail for `GET /admin/mail`; on by default in embedded mode, which has no mail server. */
  NOTIFICATIONS_DEV_MAILBOX: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
});
export type NotificationsConfig = z.infer<typeof NotificationsConfig>;

import type { ServiceDatabase } from '@shopmesh/platform';
import { DevMailSchema } from './dev-mail.entity';
import { CreateNotifications } from './migrations/001-notifications';
import { CreateDevMail } from './migrations/002-dev-mail';
import { NotificationSchema } from './notification.entity';
import { OrderOwnerSchema } from './order-owner.entity';

/** The notifications service's tables and their migrations. */
export const notificationsDatabase: ServiceDatabase = {
  entities: [NotificationSchema, OrderOwnerSchema, DevMailSchema],
  migrations: [
    { name: '001-notifications', class: CreateNotifications },
    { name: '002-dev-mail', class: CreateDevMail },
  ],
};

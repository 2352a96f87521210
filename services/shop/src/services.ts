import { cartService } from '@shopmesh/cart';
import { catalogService } from '@shopmesh/catalog';
import { embeddingsService } from '@shopmesh/embeddings';
import { gatewayService } from '@shopmesh/gateway';
import { identityService } from '@shopmesh/identity';
import { inventoryService } from '@shopmesh/inventory';
import { notificationsService } from '@shopmesh/notifications';
import { ordersService } from '@shopmesh/orders';
import { paymentsService } from '@shopmesh/payments';
import type { ServiceDefinition } from '@shopmesh/platform';

/**
 * Every service of the shop. Seeds run in this order, so a service seeds after those its seed calls
 * (catalog sets stock in inventory).
 */
export const allServices: ServiceDefinition<any>[] = [
  identityService,
  inventoryService,
  embeddingsService,
  catalogService,
  cartService,
  paymentsService,
  ordersService,
  notificationsService,
  gatewayService,
];

import { CheckoutStep, type Order, type OrderSummary, type PlaceOrderRequest } from '@shopmesh/contracts';
import { conflict, isOwnerOrAdmin, notFound, type Principal } from '@shopmesh/platform';
import { placeOrder, type PlaceOrderPorts, type PlacedOrder } from './place-order';

/** What the order routes need beyond placing: reading orders and the saga's approval signal. */
export interface OrderReadPorts {
  get(id: string): Promise<Order | null>;
  list(userId: string, page: number, pageSize: number): Promise<{ items: OrderSummary[]; total: number }>;
  signalApproval(id: string): Promise<void>;
}

/** The orders use cases behind the routes. */
export interface OrderService {
  place(userId: string, idempotencyKey: string, request: PlaceOrderRequest): Promise<PlacedOrder>;
  get(principal: Principal, id: string): Promise<Order>;
  list(userId: string, page: number, pageSize: number): Promise<{ items: OrderSummary[]; total: number }>;
  approvePayment(principal: Principal, id: string): Promise<void>;
}

/** The saga waits for the shopper when payments asked for action and the wait has not timed out. */
export function awaitsApproval(order: Pick<Order, 'status' | 'timeline'>): boolean {
  const steps = new Set(order.timeline.map((t) => t.step));
  return order.status === 'PENDING' && steps.has(CheckoutStep.enum['payment-action-required']) && !steps.has(CheckoutStep.enum['payment-approval-timed-out']);
}

export function createOrderService(placing: PlaceOrderPorts, reading: OrderReadPorts): OrderService {
  const owned = async (principal: Principal, id: string): Promise<Order> => {
    const order = await reading.get(id);
    // Someone else's order answers like a missing one, so order ids cannot be probed.
    if (!order || !isOwnerOrAdmin(principal, order.userId)) throw notFound('Order');
    return order;
  };
  return {
    place: (userId, key, request) => placeOrder(placing, userId, key, request),
    get: owned,
    list: (userId, page, pageSize) => reading.list(userId, page, pageSize),
    async approvePayment(principal, id) {
      const order = await owned(principal, id);
      if (!awaitsApproval(order)) {
        throw conflict('no-approval-pending', `Order ${id} is not waiting for a payment approval`);
      }
      await reading.signalApproval(id);
    },
  };
}

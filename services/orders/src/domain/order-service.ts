import { CheckoutStep, type Order, type OrderStatus, type OrderSummary, type PlaceOrderRequest, type SellerOrder, type ShipRequest } from '@shopmesh/contracts';
import { conflict, isOwnerOrAdmin, notFound, type Clock, type Principal } from '@shopmesh/platform';
import { describeCancel } from './checkout-workflow';
import { cancelConfirmedOrder, deliverShipment, shipShipment, type InOrderTx } from './fulfilment';
import { placeOrder, type PlaceOrderPorts, type PlacedOrder } from './place-order';

/** What the order routes need beyond placing: reading orders, the saga's signals and the order transaction. */
export interface OrderReadPorts {
  get(id: string): Promise<Order | null>;
  list(userId: string, page: number, pageSize: number): Promise<{ items: OrderSummary[]; total: number }>;
  signalApproval(id: string): Promise<void>;
  /** Notes the cancel on a PENDING order (false when it is no longer PENDING). */
  requestCancel(id: string): Promise<boolean>;
  /** Tells the running saga the shopper cancelled. */
  signalCancel(id: string): Promise<void>;
  /** Starts (or, when it exists, leaves alone) the refund of a cancelled, confirmed order. */
  startRefund(id: string): Promise<void>;
  transaction: InOrderTx;
  sellerOrders(sellerId: string, page: number, pageSize: number): Promise<{ items: SellerOrder[]; total: number }>;
  sellerOrder(sellerId: string, orderId: string): Promise<SellerOrder | undefined>;
  clock: Clock;
}

/** The orders use cases behind the routes. */
export interface OrderService {
  place(userId: string, idempotencyKey: string, request: PlaceOrderRequest): Promise<PlacedOrder>;
  get(principal: Principal, id: string): Promise<Order>;
  list(userId: string, page: number, pageSize: number): Promise<{ items: OrderSummary[]; total: number }>;
  approvePayment(principal: Principal, id: string): Promise<void>;
  /** The shopper's cancel; answers the order's status right after (PENDING while the saga cancels). */
  cancel(principal: Principal, id: string): Promise<OrderStatus>;
  sellerOrders(seller: Principal, page: number, pageSize: number): Promise<{ items: SellerOrder[]; total: number }>;
  sellerOrder(seller: Principal, id: string): Promise<SellerOrder>;
  ship(seller: Principal, id: string, request: ShipRequest): Promise<SellerOrder>;
  deliver(seller: Principal, id: string): Promise<SellerOrder>;
}

/** The saga waits for the shopper when payments asked for action and the wait has not timed out. */
export function awaitsApproval(order: Pick<Order, 'status' | 'timeline'>): boolean {
  const steps = new Set(order.timeline.map((t) => t.step));
  return order.status === 'PENDING' && steps.has(CheckoutStep.enum['payment-action-required']) && !steps.has(CheckoutStep.enum['payment-approval-timed-out']);
}

const SHOPPER_CANCEL = describeCancel('cancelled-by-shopper');

export function createOrderService(placing: PlaceOrderPorts, reading: OrderReadPorts): OrderService {
  const owned = async (principal: Principal, id: string): Promise<Order> => {
    const order = await reading.get(id);
    // Someone else's order answers like a missing one, so order ids cannot be probed.
    if (!order || !isOwnerOrAdmin(principal, order.userId)) throw notFound('Order');
    return order;
  };
  const sellerView = async (seller: Principal, id: string): Promise<SellerOrder> => {
    const order = await reading.sellerOrder(seller.id, id);
    if (!order) throw notFound('Order');
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

    async cancel(principal, id) {
      const order = await owned(principal, id);
      // While the saga runs it is the order's only writer: the cancel is noted on the row (which the
      // confirm step checks) and sent to it as an event. Once confirmed, the cancel is one transaction here.
      if (order.status === 'PENDING' && (await reading.requestCancel(id))) {
        // The note on the row is what binds (confirmation checks it); the event only wakes a saga that
        // waits for the shopper. A saga not scheduled yet gets no event but meets the note all the same.
        await reading.signalCancel(id).catch(() => undefined);
        return 'PENDING';
      }
      const outcome = await reading.transaction((tx) => cancelConfirmedOrder(tx, id, SHOPPER_CANCEL));
      // Scheduled after commit; a repeated cancel schedules again (a no-op when it exists), which also
      // recovers a refund whose scheduling failed. An order the saga cancelled before confirmation has
      // no shipments and nothing to refund (its payment was voided).
      if (outcome === 'cancelled' || (order.shipments?.length ?? 0) > 0) await reading.startRefund(id);
      return 'CANCELLED';
    },

    sellerOrders: (seller, page, pageSize) => reading.sellerOrders(seller.id, page, pageSize),
    sellerOrder: sellerView,
    async ship(seller, id, request) {
      await reading.transaction((tx) => shipShipment(tx, id, seller.id, request, reading.clock.now()));
      return sellerView(seller, id);
    },
    async deliver(seller, id) {
      await reading.transaction((tx) => deliverShipment(tx, id, seller.id, reading.clock.now()));
      return sellerView(seller, id);
    },
  };
}

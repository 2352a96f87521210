import type { EntityManager } from '@mikro-orm/postgresql';
import type { CheckoutStep, Money, Order, OrderLine, OrderStatus, OrderSummary, StepOutcome, TimelineEntry } from '@shopmesh/contracts';
import { OrderLineSchema, OrderSchema, TimelineSchema, type OrderRecord } from './entities';

/** The queries of the orders tables, used through the order store; conditional updates make saga steps safe to repeat. */
export class OrderRepository {
  constructor(private readonly em: EntityManager) {}

  findByIdempotencyKey(userId: string, idempotencyKey: string): Promise<OrderRecord | null> {
    return this.em.findOne(OrderSchema, { userId, idempotencyKey });
  }

  findRecord(id: string): Promise<OrderRecord | null> {
    return this.em.findOne(OrderSchema, { id });
  }

  /** Adds a new order with its lines and first timeline step to the unit of work. */
  add(order: OrderRecord, lines: OrderLine[]): void {
    this.em.create(OrderSchema, order);
    lines.forEach((line, lineNo) =>
      this.em.create(OrderLineSchema, {
        orderId: order.id,
        lineNo,
        productId: line.productId,
        sellerId: line.sellerId,
        name: line.name,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
      }),
    );
    this.em.create(TimelineSchema, { orderId: order.id, step: 'placed', outcome: 'ok', at: order.createdAt });
  }

  /** Moves an order from `from` to `to`; false when it was not in `from` (already moved: a rerun). */
  async transition(id: string, from: OrderStatus, to: OrderStatus, cancelReason?: string): Promise<boolean> {
    const changed = await this.em.nativeUpdate(
      OrderSchema,
      { id, status: from },
      { status: to, ...(cancelReason ? { cancelReason } : {}), updatedAt: new Date() },
    );
    return changed > 0;
  }

  /** Records a saga step once; a rerun of the same step keeps the first record. */
  async recordStep(orderId: string, step: CheckoutStep, outcome: StepOutcome, detail?: string): Promise<void> {
    await this.em
      .getConnection()
      .execute(
        'insert into order_timeline (order_id, step, outcome, detail, at) values (?, ?, ?, ?, now()) on conflict do nothing',
        [orderId, step, outcome, detail ?? null],
        'run',
        this.em.getTransactionContext(),
      );
  }

  async get(id: string): Promise<Order | null> {
    const order = await this.findRecord(id);
    if (!order) return null;
    const [lines, timeline] = await Promise.all([
      this.em.find(OrderLineSchema, { orderId: id }, { orderBy: { lineNo: 'asc' } }),
      this.em.find(TimelineSchema, { orderId: id }, { orderBy: { at: 'asc' } }),
    ]);
    return {
      id: order.id,
      userId: order.userId,
      status: order.status,
      ...(order.cancelReason ? { cancelReason: order.cancelReason } : {}),
      items: lines.map((l) => ({
        productId: l.productId,
        sellerId: l.sellerId,
        name: l.name,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        lineTotal: { amount: l.unitPrice.amount * l.quantity, currency: l.unitPrice.currency },
      })),
      total: { amount: Number(order.totalAmount), currency: order.currency },
      shippingAddress: order.shippingAddress,
      payment: { last4: order.paymentLast4 },
      timeline: timeline.map((t): TimelineEntry => ({ step: t.step, outcome: t.outcome, ...(t.detail ? { detail: t.detail } : {}), at: t.at.toISOString() })),
      createdAt: order.createdAt.toISOString(),
      updatedAt: order.updatedAt.toISOString(),
    };
  }

  async listForUser(userId: string, page: number, pageSize: number): Promise<{ items: OrderSummary[]; total: number }> {
    const [rows, total] = await this.em.findAndCount(
      OrderSchema,
      { userId },
      { orderBy: { createdAt: 'desc', id: 'asc' }, limit: pageSize, offset: (page - 1) * pageSize },
    );
    const counts = rows.length
      ? await this.em
          .getConnection()
          .execute<{ order_id: string; items: string }[]>(
            `select order_id, sum(quantity) as items from "${this.em.config.get('schema')}".order_lines where order_id in (?) group by order_id`,
            [rows.map((r) => r.id)],
          )
      : [];
    const itemCount = new Map(counts.map((c) => [c.order_id, Number(c.items)]));
    return {
      total,
      items: rows.map((o) => ({
        id: o.id,
        status: o.status,
        total: { amount: Number(o.totalAmount), currency: o.currency },
        createdAt: o.createdAt.toISOString(),
        ...(o.cancelReason ? { cancelReason: o.cancelReason } : {}),
        itemCount: itemCount.get(o.id) ?? 0,
      })),
    };
  }

  /** Ids of orders still PENDING that were placed before `before` (the saga starter's safety net). */
  async pendingSince(before: Date, limit: number): Promise<{ id: string; userId: string; payment: { amount: Money; paymentMethod: string } }[]> {
    const rows = await this.em.find(OrderSchema, { status: 'PENDING', createdAt: { $lt: before } }, { limit, orderBy: { createdAt: 'asc' } });
    return rows.map((r) => ({
      id: r.id,
      userId: r.userId,
      payment: { amount: { amount: Number(r.totalAmount), currency: r.currency }, paymentMethod: r.paymentMethod },
    }));
  }

  async lines(orderId: string): Promise<{ productId: string; quantity: number }[]> {
    const lines = await this.em.find(OrderLineSchema, { orderId }, { orderBy: { lineNo: 'asc' } });
    return lines.map((l) => ({ productId: l.productId, quantity: l.quantity }));
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type {
  CancelReason,
  CheckoutStep,
  Money,
  Order,
  OrderLine,
  OrderStatus,
  OrderSummary,
  SellerOrder,
  Shipment,
  ShipmentStatus,
  StepOutcome,
  TimelineEntry,
} from '@shopmesh/contracts';
import type { LockedOrder, ShipmentState } from '../domain/fulfilment';
import { OrderLineSchema, OrderSchema, TimelineSchema, type OrderLineRecord, type OrderRecord } from './order.entity';
import { ShipmentSchema, type ShipmentRecord } from './shipment.entity';

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const lineView = (l: Pick<OrderLineRecord, 'productId' | 'sellerId' | 'name' | 'quantity' | 'unitPrice'>): OrderLine => ({
  productId: l.productId,
  sellerId: l.sellerId,
  name: l.name,
  quantity: l.quantity,
  unitPrice: l.unitPrice,
  lineTotal: { amount: l.unitPrice.amount * l.quantity, currency: l.unitPrice.currency },
});

/** An order row of {@link OrderRepository.get}, its children aggregated as JSON. */
interface OrderRow {
  id: string;
  user_id: string;
  status: OrderStatus;
  cancel_reason: string | null;
  cancel_code: CancelReason | null;
  total_amount: string;
  currency: string;
  promo_code: string | null;
  discount_amount: string;
  shipping_address: Order['shippingAddress'];
  payment_last4: string;
  created_at: string;
  updated_at: string;
  lines: Pick<OrderLineRecord, 'productId' | 'sellerId' | 'name' | 'quantity' | 'unitPrice'>[];
  timeline: { step: CheckoutStep; outcome: StepOutcome; detail: string | null; ref: string; at: string }[];
  shipments: Shipment[];
}

/** The queries of the orders tables, used through the order store; conditional updates make saga steps safe to repeat. */
export class OrderRepository {
  constructor(private readonly em: EntityManager) {}

  /** Raw SQL names the schema: services share one database (and, on PGlite, one search_path). */
  private get schema(): string {
    return `"${this.em.config.get('schema')}"`;
  }

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
    this.em.create(TimelineSchema, { orderId: order.id, step: 'placed', ref: '', outcome: 'ok', at: order.createdAt });
  }

  private run(sql: string, params: unknown[]): Promise<{ affectedRows: number }> {
    return this.em.getConnection().execute<{ affectedRows: number }>(sql, params, 'run', this.em.getTransactionContext());
  }

  private all<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(sql, params, 'all', this.em.getTransactionContext());
  }

  /** PENDING -> CONFIRMED unless the shopper asked to cancel meanwhile; creates one shipment per seller. */
  async confirm(id: string): Promise<'confirmed' | 'cancel-requested' | 'not-pending'> {
    const changed = await this.run(
      `update ${this.schema}.orders set status = 'CONFIRMED', updated_at = now() where id = ? and status = 'PENDING' and cancel_requested_at is null`,
      [id],
    );
    if (changed.affectedRows > 0) {
      await this.run(
        `insert into ${this.schema}.shipments (order_id, seller_id, status, created_at) select distinct order_id, seller_id, 'CONFIRMED', now() from ${this.schema}.order_lines where order_id = ? on conflict do nothing`,
        [id],
      );
      return 'confirmed';
    }
    const [row] = await this.all<{ status: OrderStatus; requested: boolean }>(
      `select status, cancel_requested_at is not null as requested from ${this.schema}.orders where id = ?`,
      [id],
    );
    return row?.status === 'PENDING' && row.requested ? 'cancel-requested' : 'not-pending';
  }

  /** Marks a PENDING order as to be cancelled by the saga; false when it is no longer PENDING. */
  async requestCancel(id: string): Promise<boolean> {
    const changed = await this.run(
      `update ${this.schema}.orders set cancel_requested_at = coalesce(cancel_requested_at, now()), updated_at = now() where id = ? and status = 'PENDING'`,
      [id],
    );
    return changed.affectedRows > 0;
  }

  async lockOrder(id: string): Promise<LockedOrder | undefined> {
    const [row] = await this.all<{ id: string; user_id: string; status: OrderStatus; cancel_code: CancelReason | null }>(
      `select id, user_id, status, cancel_code from ${this.schema}.orders where id = ? for update`,
      [id],
    );
    return row && { id: row.id, userId: row.user_id, status: row.status, cancelCode: row.cancel_code ?? undefined };
  }

  async shipmentStates(orderId: string): Promise<ShipmentState[]> {
    const rows = await this.all<{ seller_id: string; status: ShipmentStatus }>(
      `select seller_id, status from ${this.schema}.shipments where order_id = ? order by seller_id`,
      [orderId],
    );
    return rows.map((r) => ({ sellerId: r.seller_id, status: r.status }));
  }

  async updateShipment(
    orderId: string,
    sellerId: string,
    change: { status: ShipmentStatus; carrier?: string; trackingNumber?: string; at: Date },
  ): Promise<void> {
    if (change.status === 'SHIPPED') {
      await this.run(
        `update ${this.schema}.shipments set status = 'SHIPPED', carrier = ?, tracking_number = ?, shipped_at = ? where order_id = ? and seller_id = ?`,
        [change.carrier, change.trackingNumber, change.at, orderId, sellerId],
      );
    } else {
      await this.run(
        `update ${this.schema}.shipments set status = ?, delivered_at = case when ? = 'DELIVERED' then ? else delivered_at end where order_id = ? and seller_id = ?`,
        [change.status, change.status, change.at, orderId, sellerId],
      );
    }
  }

  async cancelShipments(orderId: string): Promise<void> {
    await this.run(`update ${this.schema}.shipments set status = 'CANCELLED' where order_id = ? and status = 'CONFIRMED'`, [orderId]);
  }

  /** Moves an order from `from` to `to`; false when it was not in `from` (already moved: a rerun). */
  async transition(id: string, from: OrderStatus, to: OrderStatus, cancelReason?: string, cancelCode?: CancelReason): Promise<boolean> {
    const changed = await this.run(
      `update ${this.schema}.orders set status = ?, cancel_reason = coalesce(?, cancel_reason), cancel_code = coalesce(?, cancel_code), updated_at = now() where id = ? and status = ?`,
      [to, cancelReason ?? null, cancelCode ?? null, id, from],
    );
    return changed.affectedRows > 0;
  }

  /**
   * Records a step once (per shipment for `sellerId`); a rerun of the same step keeps the first record.
   * The wall clock, not the transaction's start, so steps of one transaction keep their order.
   */
  async recordStep(orderId: string, step: CheckoutStep, outcome: StepOutcome, detail?: string, sellerId?: string): Promise<boolean> {
    const inserted = await this.run(
      `insert into ${this.schema}.order_timeline (order_id, step, ref, outcome, detail, at) values (?, ?, ?, ?, ?, clock_timestamp()) on conflict do nothing`,
      [orderId, step, sellerId ?? '', outcome, detail ?? null],
    );
    return inserted.affectedRows > 0;
  }

  /**
   * The order as its owner sees it, in one statement (the order page polls this while the saga runs):
   * lines, timeline and shipments come along as JSON, timestamps already in ISO form.
   */
  async get(id: string): Promise<Order | null> {
    const isoOf = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    const [row] = await this.all<OrderRow>(
      `select o.id, o.user_id, o.status, o.cancel_reason, o.cancel_code, o.total_amount, o.currency, o.promo_code, o.discount_amount,
         o.shipping_address, o.payment_last4,
         ${isoOf('o.created_at')} as created_at, ${isoOf('o.updated_at')} as updated_at,
         coalesce((select json_agg(json_build_object('productId', l.product_id, 'sellerId', l.seller_id, 'name', l.name, 'quantity', l.quantity,
             'unitPrice', l.unit_price) order by l.line_no)
           from ${this.schema}.order_lines l where l.order_id = o.id), '[]') as lines,
         coalesce((select json_agg(json_build_object('step', t.step, 'outcome', t.outcome, 'detail', t.detail, 'ref', t.ref, 'at', ${isoOf('t.at')}) order by t.at)
           from ${this.schema}.order_timeline t where t.order_id = o.id), '[]') as timeline,
         coalesce((select json_agg(json_build_object('sellerId', s.seller_id, 'status', s.status, 'carrier', s.carrier, 'trackingNumber', s.tracking_number,
             'shippedAt', ${isoOf('s.shipped_at')}, 'deliveredAt', ${isoOf('s.delivered_at')}) order by s.seller_id)
           from ${this.schema}.shipments s where s.order_id = o.id), '[]') as shipments
       from ${this.schema}.orders o where o.id = ?`,
      [id],
    );
    if (!row) return null;
    return {
      id: row.id,
      userId: row.user_id,
      status: row.status,
      ...(row.cancel_reason ? { cancelReason: row.cancel_reason } : {}),
      ...(row.cancel_code ? { cancelCode: row.cancel_code } : {}),
      items: row.lines.map(lineView),
      total: { amount: Number(row.total_amount), currency: row.currency },
      ...(Number(row.discount_amount) > 0
        ? { discount: { ...(row.promo_code ? { code: row.promo_code } : {}), amount: { amount: Number(row.discount_amount), currency: row.currency } } }
        : {}),
      shippingAddress: row.shipping_address,
      payment: { last4: row.payment_last4 },
      shipments: row.shipments,
      timeline: row.timeline.map((t): TimelineEntry => ({
        step: t.step,
        outcome: t.outcome,
        ...(t.detail ? { detail: t.detail } : {}),
        ...(t.ref ? { sellerId: t.ref } : {}),
        at: t.at,
      })),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
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
            `select order_id, sum(quantity) as items from ${this.schema}.order_lines where order_id in (?) group by order_id`,
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

  /** A seller's orders (their shipments), newest first, each with only that seller's lines. */
  async sellerOrders(sellerId: string, page: number, pageSize: number): Promise<{ items: SellerOrder[]; total: number }> {
    const [shipments, total] = await this.em.findAndCount(
      ShipmentSchema,
      { sellerId },
      { orderBy: { createdAt: 'desc', orderId: 'asc' }, limit: pageSize, offset: (page - 1) * pageSize },
    );
    return { items: await this.sellerViews(sellerId, shipments), total };
  }

  /** One order as a seller sees it; undefined when the seller has no shipment in it. */
  async sellerOrder(sellerId: string, orderId: string): Promise<SellerOrder | undefined> {
    const shipment = await this.em.findOne(ShipmentSchema, { orderId, sellerId });
    return shipment ? (await this.sellerViews(sellerId, [shipment]))[0] : undefined;
  }

  private async sellerViews(sellerId: string, shipments: ShipmentRecord[]): Promise<SellerOrder[]> {
    if (!shipments.length) return [];
    const ids = shipments.map((s) => s.orderId);
    const [orders, lines] = await Promise.all([
      this.em.find(OrderSchema, { id: { $in: ids } }),
      this.em.find(OrderLineSchema, { orderId: { $in: ids }, sellerId }, { orderBy: { lineNo: 'asc' } }),
    ]);
    const byId = new Map(orders.map((o) => [o.id, o]));
    return shipments.map((s) => {
      const order = byId.get(s.orderId)!;
      const items = lines.filter((l) => l.orderId === s.orderId).map(lineView);
      return {
        id: s.orderId,
        orderId: s.orderId,
        status: s.status,
        orderStatus: order.status,
        items,
        total: { amount: items.reduce((sum, l) => sum + l.lineTotal.amount, 0), currency: order.currency },
        shippingAddress: order.shippingAddress,
        carrier: s.carrier ?? null,
        trackingNumber: s.trackingNumber ?? null,
        shippedAt: iso(s.shippedAt),
        deliveredAt: iso(s.deliveredAt),
        createdAt: s.createdAt.toISOString(),
      };
    });
  }
}

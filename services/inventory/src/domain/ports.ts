import type { ReservationLine, ReservationStatus, StockLow } from '@shopmesh/contracts';

/** A stock row as stored; `available` is `onHand - reserved`. */
export interface StockRow {
  productId: string;
  sellerId: string;
  onHand: number;
  reserved: number;
  available: number;
  updatedAt: Date;
}

/** One product line of an order's reservation. */
export interface ReservationRow extends ReservationLine {
  orderId: string;
  status: ReservationStatus;
  expiresAt: Date;
}

/** Why stock changed; every change leaves one movement row. */
export type MovementKind = 'set' | 'reserve' | 'release' | 'expire' | 'commit' | 'return';

/** An audit entry of one stock change. */
export interface Movement {
  productId: string;
  orderId?: string;
  kind: MovementKind;
  onHandDelta: number;
  reservedDelta: number;
  after: StockRow;
}

/** The storage operations one inventory transaction may use; each runs inside that transaction. */
export interface InventoryTx {
  /** Creates an empty stock row for the product unless it exists; true when it created one. */
  ensureStock(productId: string, sellerId: string, now: Date): Promise<boolean>;
  /** Reads the product's stock row and locks it until the transaction ends. */
  lockStock(productId: string): Promise<StockRow | undefined>;
  writeStock(productId: string, sellerId: string, onHand: number, now: Date): Promise<StockRow>;
  /** Inserts the lines that do not exist yet for the order; answers how many were inserted. */
  insertReservation(orderId: string, lines: ReservationLine[], expiresAt: Date, now: Date): Promise<number>;
  /** Adds `quantity` to reserved only if that many are available; undefined when they are not. */
  reserveUnits(productId: string, quantity: number, now: Date): Promise<StockRow | undefined>;
  availableOf(productId: string): Promise<number>;
  /** Reads the order's reservation lines and locks them until the transaction ends. */
  lockReservation(orderId: string): Promise<ReservationRow[]>;
  setReservationStatus(orderId: string, status: ReservationStatus, now: Date): Promise<void>;
  /** Moves `quantity` back from reserved to available. */
  releaseUnits(productId: string, quantity: number, now: Date): Promise<StockRow>;
  /** Ships `quantity`: it leaves both on hand and reserved. */
  commitUnits(productId: string, quantity: number, now: Date): Promise<StockRow>;
  /** Takes `quantity` sold units back on hand. */
  returnUnits(productId: string, quantity: number, now: Date): Promise<StockRow>;
  recordMovement(movement: Movement): Promise<void>;
  /** Queues an inventory.stock-low event in the outbox of this transaction. */
  recordStockLow(event: StockLow): void;
}

/** Inventory storage: transactions plus the reads that need none. */
export interface InventoryStore {
  transaction<T>(work: (tx: InventoryTx) => Promise<T>): Promise<T>;
  /** Available units by product id; unknown products are absent. */
  available(productIds: string[]): Promise<Map<string, number>>;
  reservation(orderId: string): Promise<ReservationRow[]>;
  /** Order ids holding reservations that expired at or before `now`, oldest first. */
  expiredOrderIds(now: Date, limit: number): Promise<string[]>;
}

/** Tunables of the inventory rules. */
export interface InventorySettings {
  reservationTtlSeconds: number;
  lowStockThreshold: number;
}

/** What the inventory use-cases work with. */
export interface InventoryDeps {
  store: InventoryStore;
  clock: { now(): Date };
  settings: InventorySettings;
}

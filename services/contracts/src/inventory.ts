import { z } from 'zod';
import { Id } from './common';

/** Largest quantity a single stock level or reservation line may hold. */
const MAX_UNITS = 1_000_000;

/** Path params of `/internal/stock/:productId`. */
export const StockParams = z.object({ productId: Id });
export type StockParams = z.infer<typeof StockParams>;

/** `PUT /internal/stock/:productId`: sets the units on hand; below the units currently reserved is a 409. */
export const StockUpdate = z.object({
  sellerId: Id,
  onHand: z.number().int().min(0).max(MAX_UNITS),
});
export type StockUpdate = z.infer<typeof StockUpdate>;

/** A product's stock level; `available` is `onHand - reserved`. */
export const Stock = z.object({
  productId: Id,
  sellerId: Id,
  onHand: z.number().int().min(0),
  reserved: z.number().int().min(0),
  available: z.number().int().min(0),
  updatedAt: z.iso.datetime(),
});
export type Stock = z.infer<typeof Stock>;

/** `POST /internal/stock/lookup`: availability of up to 500 products at once. */
export const StockLookupRequest = z.object({ productIds: z.array(Id).min(1).max(500) });
export type StockLookupRequest = z.infer<typeof StockLookupRequest>;

/** Availability of one product; a product inventory does not know has 0 available. */
export const StockLookup = z.object({ productId: Id, available: z.number().int().min(0) });
export type StockLookup = z.infer<typeof StockLookup>;

/** One row per requested product id (duplicates collapsed), in request order. */
export const StockLookupResponse = z.array(StockLookup);
export type StockLookupResponse = z.infer<typeof StockLookupResponse>;

/** One product and quantity of a reservation. */
export const ReservationLine = z.object({
  productId: Id,
  quantity: z.number().int().min(1).max(MAX_UNITS),
});
export type ReservationLine = z.infer<typeof ReservationLine>;

/**
 * `POST /internal/reservations`: reserves every line or none, idempotent per `orderId` (a repeat returns
 * the existing reservation, whatever its items). Lines naming the same product are added together.
 * Not enough stock for a line is a 409 with code `insufficient-stock` that names the product.
 */
export const ReservationRequest = z.object({
  orderId: Id,
  items: z.array(ReservationLine).min(1).max(100),
  /** Seconds until an uncommitted reservation is released by the sweeper; the service default when absent. */
  ttlSeconds: z.number().int().min(1).max(86_400).optional(),
});
export type ReservationRequest = z.infer<typeof ReservationRequest>;

/**
 * Lifecycle of a reservation: `reserved` until committed (stock sold) or released (cancelled or
 * expired); a committed one is `returned` when its order is cancelled after all (the units are on hand again).
 */
export const ReservationStatus = z.enum(['reserved', 'released', 'committed', 'returned']);
export type ReservationStatus = z.infer<typeof ReservationStatus>;

/**
 * A reservation of an order. Releasing an order that reserved nothing answers `released` with no
 * items, so a saga's compensation can always call release.
 */
export const Reservation = z.object({
  orderId: Id,
  status: ReservationStatus,
  items: z.array(ReservationLine),
  expiresAt: z.iso.datetime().nullable(),
});
export type Reservation = z.infer<typeof Reservation>;

/** Path params of `/internal/reservations/:orderId[...]`. */
export const ReservationParams = z.object({ orderId: Id });
export type ReservationParams = z.infer<typeof ReservationParams>;

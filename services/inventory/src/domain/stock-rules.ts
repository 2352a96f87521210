import { conflict } from '@shopmesh/platform';

/** Stock may be lowered only down to what is already promised to buyers. */
export function checkOnHand(onHand: number, reserved: number): void {
  if (onHand < reserved) {
    throw conflict('stock-below-reserved', `Cannot set stock to ${onHand}: ${reserved} units are reserved`);
  }
}

/**
 * True when availability falls below the threshold with this change, so a low-stock event fires once
 * per crossing rather than on every sale. A product without a previous level counts as not low.
 */
export function crossesLowStock(before: number | undefined, after: number, threshold: number): boolean {
  return after < threshold && (before === undefined || before >= threshold);
}

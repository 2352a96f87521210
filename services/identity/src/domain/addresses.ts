import { randomUUID } from 'node:crypto';
import type { Address, AddressWithId, UpdateAddressRequest } from '@shopmesh/contracts';
import { notFound, unprocessable } from '@shopmesh/platform';
import type { IdentityDeps } from './ports';

/** How many addresses one user may keep. */
export const MAX_ADDRESSES = 20;

/** The user's saved addresses, oldest first. */
export const listAddresses = (deps: IdentityDeps, userId: string): Promise<AddressWithId[]> => deps.addresses.list(userId);

/** One of the user's addresses; another user's address is a 404, as if it did not exist. */
export async function addressOf(deps: IdentityDeps, userId: string, id: string): Promise<AddressWithId> {
  const address = await deps.addresses.get(userId, id);
  if (!address) throw notFound('Address');
  return address;
}

/** Saves a new address for the user. */
export async function addAddress(deps: IdentityDeps, userId: string, address: Address): Promise<AddressWithId> {
  const existing = await deps.addresses.list(userId);
  if (existing.length >= MAX_ADDRESSES) throw unprocessable('too-many-addresses', `At most ${MAX_ADDRESSES} addresses can be saved`);
  const saved = { ...address, id: randomUUID() };
  await deps.addresses.insert(userId, saved, deps.clock.now());
  return saved;
}

/** Applies a partial change; `null` clears an optional field. */
export function mergeAddress(current: AddressWithId, change: UpdateAddressRequest): AddressWithId {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged as AddressWithId;
}

/** Changes one of the user's addresses. */
export async function updateAddress(deps: IdentityDeps, userId: string, id: string, change: UpdateAddressRequest): Promise<AddressWithId> {
  const updated = mergeAddress(await addressOf(deps, userId, id), change);
  await deps.addresses.replace(userId, updated, deps.clock.now());
  return updated;
}

/** Deletes one of the user's addresses. */
export async function removeAddress(deps: IdentityDeps, userId: string, id: string): Promise<void> {
  if (!(await deps.addresses.remove(userId, id))) throw notFound('Address');
}

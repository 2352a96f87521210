import type { MikroORM } from '@mikro-orm/postgresql';
import type { AddressWithId } from '@shopmesh/contracts';
import type { AddressStore } from '../domain/ports';
import { AddressSchema, type AddressRecord } from './address.entity';

const toAddress = (r: AddressRecord): AddressWithId => ({
  id: r.id,
  name: r.name,
  line1: r.line1,
  ...(r.line2 ? { line2: r.line2 } : {}),
  city: r.city,
  ...(r.region ? { region: r.region } : {}),
  postalCode: r.postalCode,
  country: r.country,
});

const columns = (a: AddressWithId) => ({
  name: a.name,
  line1: a.line1,
  line2: a.line2 ?? null,
  city: a.city,
  region: a.region ?? null,
  postalCode: a.postalCode,
  country: a.country,
});

/** Addresses in PostgreSQL; every query is scoped by the owner's id. */
export function createAddressStore(orm: MikroORM): AddressStore {
  return {
    async list(userId) {
      const records = await orm.em.fork().find(AddressSchema, { userId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      return records.map(toAddress);
    },
    async get(userId, id) {
      const record = await orm.em.fork().findOne(AddressSchema, { id, userId });
      return record ? toAddress(record) : undefined;
    },
    async insert(userId, address, now) {
      await orm.em.fork().insert(AddressSchema, { id: address.id, userId, ...columns(address), createdAt: now, updatedAt: now });
    },
    async replace(userId, address, now) {
      await orm.em.fork().nativeUpdate(AddressSchema, { id: address.id, userId }, { ...columns(address), updatedAt: now });
    },
    async remove(userId, id) {
      return (await orm.em.fork().nativeDelete(AddressSchema, { id, userId })) > 0;
    },
  };
}

import type { MikroORM } from '@mikro-orm/postgresql';
import type { SigningKeyStore } from '../auth/key-ring';
import { SigningKeySchema } from './signing-key.entity';

/** Generated signing keys in PostgreSQL. */
export function createSigningKeyStore(orm: MikroORM): SigningKeyStore {
  return {
    async all() {
      const records = await orm.em.fork().find(SigningKeySchema, {}, { orderBy: { createdAt: 'asc', kid: 'asc' } });
      return records.map((r) => ({ kid: r.kid, privatePem: r.privatePem, createdAt: r.createdAt }));
    },
    async insert(key) {
      await orm.em
        .fork()
        .getConnection()
        .execute(
          `insert into "${orm.config.get('schema')}".signing_keys (kid, private_pem, created_at) values (?, ?, ?) on conflict do nothing`,
          [key.kid, key.privatePem, key.createdAt],
          'run',
        );
    },
  };
}

import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openServiceDatabase } from '../db/orm';
import { createLogger } from '../logger';
import type { AppId } from '../runtime/port';
import type { ServiceDatabase } from '../service';
import { testDatabaseUrl } from './database-url';

/** One service's tables in a schema of their own on the run's test database, for a route or store test. */
export interface TestDatabase {
  orm: MikroORM;
  /** Runs SQL among the service's own tables (named unqualified), to look at what it stored. */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /** Closes the ORM and drops the schema. */
  close(): Promise<void>;
}

/**
 * Opens `database` (migrated, with the platform's outbox and inbox tables) in a fresh schema named
 * after `appId`, the way a host opens it, but without a host: a test gives the ORM to the service's
 * stores and drives `createApp(deps)` with fakes for everything else.
 */
export async function openTestDatabase(appId: AppId, database: ServiceDatabase): Promise<TestDatabase> {
  const schema = `${appId}_t${randomBytes(4).toString('hex')}`;
  const orm = await openServiceDatabase(database, { url: testDatabaseUrl(), schema, poolSize: 4, qualifiedOnly: true }, createLogger({ level: 'silent' }));
  return {
    orm,
    sql: (query, params = []) =>
      orm.em.fork().transactional(async (em) => {
        // `set local` lasts for this transaction only.
        await em.execute(`set local search_path to "${schema}", public`, [], 'run');
        return em.execute(query, params, 'all');
      }),
    async close() {
      await orm.em.getConnection().execute(`drop schema if exists "${schema}" cascade`);
      await orm.close();
    },
  };
}

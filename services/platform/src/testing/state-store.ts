import Redis from 'ioredis';
import { Pool } from 'pg';
import { createRuntimeTables } from '../runtime/embedded/schema';
import { createPostgresStateStore } from '../runtime/embedded/state-postgres';
import { createRedisStateStore } from '../runtime/embedded/state-redis';
import type { AppId, StateStore } from '../runtime/port';
import { testDatabaseUrl } from './database-url';

/** A state store of its own connection, as one replica of a service would hold it. */
export interface TestStateStore {
  state: StateStore;
  close(): Promise<void>;
}

/**
 * Opens `appId`'s state store on the run's Redis (the integration tier) or, without one, in `schema` of
 * the run's test database. Two calls give two independent connections to the same keys, so a test
 * can play two replicas (or two processes) of one service.
 */
export async function openTestStateStore(appId: AppId, schema: string): Promise<TestStateStore> {
  const redisUrl = process.env.SHOPMESH_TEST_REDIS_URL;
  if (redisUrl) {
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    return { state: createRedisStateStore(redis, `${appId}${schema}`), close: async () => void (await redis.quit()) };
  }
  const pool = new Pool({ connectionString: testDatabaseUrl(), max: 4 });
  await createRuntimeTables(pool, schema);
  return { state: createPostgresStateStore(pool, schema, appId), close: () => pool.end() };
}

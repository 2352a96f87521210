import { startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded-postgres';

declare global {
  var __shopmeshTestDatabases: EmbeddedPostgres[] | undefined;
}

/** Jest runs this many workers (jest.config.js maxWorkers); each gets its own embedded database. */
const WORKERS = 2;

/**
 * One embedded PostgreSQL per jest worker, served over TCP and started once for the whole run. A
 * worker runs its test files one after another and PGlite has a single session, so giving each worker
 * its own instance keeps one shop's `search_path` from reaching another's. Set
 * SHOPMESH_TEST_DATABASE_URL to run every worker on a real server instead (real sessions).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.SHOPMESH_TEST_DATABASE_URL) return;
  const databases = await Promise.all(Array.from({ length: WORKERS }, () => startEmbeddedPostgres()));
  globalThis.__shopmeshTestDatabases = databases;
  databases.forEach((db, i) => {
    process.env[`SHOPMESH_TEST_DATABASE_URL_${i + 1}`] = db.url;
  });
}

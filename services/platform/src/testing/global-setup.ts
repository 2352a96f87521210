import { startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded-postgres';

declare global {
  var __shopmeshTestDatabase: EmbeddedPostgres | undefined;
}

/**
 * One embedded PostgreSQL for the whole jest run, served over TCP so every worker shares it; each test
 * shop then works in schemas of its own. Set SHOPMESH_TEST_DATABASE_URL to use a real server instead.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.SHOPMESH_TEST_DATABASE_URL) return;
  const database = await startEmbeddedPostgres();
  globalThis.__shopmeshTestDatabase = database;
  process.env.SHOPMESH_TEST_DATABASE_URL = database.url;
}

/** The test database of this jest worker (see global-setup). */
export function testDatabaseUrl(): string {
  const url = process.env[`SHOPMESH_TEST_DATABASE_URL_${process.env.JEST_WORKER_ID ?? '1'}`];
  if (!url) throw new Error('No test database: run tests through jest (its global setup makes one per worker)');
  return url;
}

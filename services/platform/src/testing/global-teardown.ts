/** Stops the run's embedded databases, if global setup started them. */
export default async function globalTeardown(): Promise<void> {
  await Promise.all((globalThis.__shopmeshTestDatabases ?? []).map((db) => db.close()));
}

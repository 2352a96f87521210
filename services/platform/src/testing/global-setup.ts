import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded-postgres';

declare global {
  var __shopmeshTestDatabases: EmbeddedPostgres[] | undefined;
}

/**
 * One database per jest worker, made once for the whole run. A worker runs its test files one after
 * another; giving each worker its own database keeps one worker's tests from seeing the other's
 * schemas come and go (MikroORM's migrator lists every table of the database, and a schema dropped
 * under that listing fails it).
 *
 * By default each is an embedded PostgreSQL (PGlite) served over TCP. With SHOPMESH_TEST_DATABASE_URL
 * (a real server's database, e.g. the integration tier's) each worker gets a fresh sibling database
 * `<name>_w<N>` on that server instead, with real sessions.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const workers = globalConfig.maxWorkers;
  const server = process.env.SHOPMESH_TEST_DATABASE_URL;
  const urls = server ? await createServerDatabases(server, workers) : await startEmbeddedDatabases(workers);
  urls.forEach((url, i) => {
    process.env[`SHOPMESH_TEST_DATABASE_URL_${i + 1}`] = url;
  });
}

async function startEmbeddedDatabases(workers: number): Promise<string[]> {
  const databases = await Promise.all(Array.from({ length: workers }, () => startEmbeddedPostgres()));
  globalThis.__shopmeshTestDatabases = databases;
  return databases.map((db) => db.url);
}

/** Drops and creates `<name>_w1..N` beside the given database (template1 carries the extensions). */
async function createServerDatabases(url: string, workers: number): Promise<string[]> {
  const name = new URL(url).pathname.slice(1);
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const urls: string[] = [];
    for (let i = 1; i <= workers; i++) {
      const worker = `${name}_w${i}`;
      await admin.query(`drop database if exists "${worker}" with (force)`);
      await admin.query(`create database "${worker}"`);
      const workerUrl = new URL(url);
      workerUrl.pathname = `/${worker}`;
      urls.push(workerUrl.toString());
    }
    return urls;
  } finally {
    await admin.end();
  }
}

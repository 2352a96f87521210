import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ProtocolQueue } from './protocol-queue';

/** A running embedded PostgreSQL. */
export interface EmbeddedPostgres {
  /** A `postgresql://` URL that `pg` and MikroORM connect to unchanged. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts one PGlite (PostgreSQL in WASM, with pgvector and pg_trgm) and serves it over the wire protocol on
 * loopback. One instance serves the whole embedded shop, a schema per service: creating one costs
 * seconds and hundreds of MB, so never start one per service or per test. `dataDir` persists it
 * (reopening is fast); without it the database lives in memory.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number; maxConnections?: number } = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), extensions: { vector, pg_trgm } });
  await db.exec('create extension if not exists vector; create extension if not exists pg_trgm');
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: options.maxConnections ?? 200 });
  // The server's own queue interleaves connections mid-statement; see ProtocolQueue.
  (server as unknown as { queryQueue: ProtocolQueue }).queryQueue = new ProtocolQueue(db);
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  return {
    url: `postgresql://postgres:postgres@${host}:${port}/postgres`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { embeddingsService } from '@shopmesh/embeddings';
import { inventoryService } from '@shopmesh/inventory';
import { createLogger, startEmbeddedHost, startEmbeddedPostgres, type EmbeddedHost } from '@shopmesh/platform';
import { generateCatalogSeed } from '../../src/seed/generate';
import { SEED_SELLERS } from '../../src/seed/sellers';
import { catalogService } from '../../src/service';
import { mean, ndcgAt, percentile, recallAt } from './metrics';

interface LabelledQuery {
  q: string;
  relevant: string[];
  maxPrice?: number;
}

const MODES = ['keyword', 'semantic', 'hybrid'] as const;
const K = 10;

/** The seeded catalog's product ids per labelled query (kinds resolved to the products named after them). */
function relevantIds(query: LabelledQuery): Set<string> {
  const seed = generateCatalogSeed(SEED_SELLERS);
  return new Set(
    seed.products
      .filter((p) => query.relevant.some((kind) => p.name.endsWith(` ${kind}`)))
      .filter((p) => query.maxPrice === undefined || p.priceAmount <= query.maxPrice)
      .map((p) => p.id),
  );
}

async function startShop(databaseUrl: string | undefined): Promise<{ host: EmbeddedHost; close(): Promise<void> }> {
  const database = databaseUrl ? undefined : await startEmbeddedPostgres();
  const host = await startEmbeddedHost({
    services: [inventoryService, embeddingsService, catalogService],
    databaseUrl: databaseUrl ?? database!.url,
    schemaSuffix: `_bench${process.pid}`,
    env: process.env,
    seed: true,
    logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }),
  });
  return {
    host,
    async close() {
      await host.close();
      await database?.close();
    },
  };
}

/** Waits until every seeded product has its embedding (the seed or, if the model was still loading, the backfill). */
async function allEmbedded(host: EmbeddedHost): Promise<void> {
  const orm = host.services.get('catalog')!.orm!;
  const em = orm.em.fork();
  // Service SQL names its schema: no service schema is on the shared database's search_path.
  const products = `"${orm.config.get('schema')}".products`;
  for (let waited = 0; ; waited += 1000) {
    const [row] = await em.execute<{ missing: number }[]>(`select count(*)::int as missing from ${products} where embedding is null`);
    if (row?.missing === 0) return;
    if (waited > 600_000) throw new Error(`${row?.missing} products are still without embeddings after 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function getJson(url: string): Promise<{ status: number; body: any; ms: number }> {
  const started = performance.now();
  const res = await fetch(url);
  const body = await res.json();
  return { status: res.status, body, ms: performance.now() - started };
}

/**
 * `npm run bench:search`: nDCG@10 and recall@10 of keyword, semantic and hybrid search over the labelled
 * shopper queries, on the seeded catalog with the real model, plus autocomplete latency.
 */
export async function runQualityBench(options: { databaseUrl?: string; verbose: boolean }): Promise<void> {
  const { queries } = JSON.parse(readFileSync(join(__dirname, 'queries.json'), 'utf8')) as { queries: LabelledQuery[] };
  const shop = await startShop(options.databaseUrl);
  try {
    await allEmbedded(shop.host);
    const catalog = shop.host.url('catalog');
    const scores = Object.fromEntries(MODES.map((m) => [m, { ndcg: [] as number[], recall: [] as number[], ms: [] as number[] }]));
    for (const query of queries) {
      const relevant = relevantIds(query);
      if (relevant.size === 0) throw new Error(`no seeded product answers the label of "${query.q}"`);
      const line: string[] = [];
      for (const mode of MODES) {
        const res = await getJson(`${catalog}/products?q=${encodeURIComponent(query.q)}&mode=${mode}&pageSize=${K}`);
        if (res.status !== 200) throw new Error(`${mode} "${query.q}" answered ${res.status}: ${JSON.stringify(res.body)}`);
        if (res.body.degraded) throw new Error(`${mode} "${query.q}" was degraded: is the model installed (npm run model:fetch)?`);
        const ranked = (res.body.items as { id: string }[]).map((i) => i.id);
        const ndcg = ndcgAt(K, ranked, relevant);
        scores[mode]!.ndcg.push(ndcg);
        scores[mode]!.recall.push(recallAt(K, ranked, relevant));
        scores[mode]!.ms.push(res.ms);
        line.push(`${mode} ${ndcg.toFixed(2)}`);
      }
      if (options.verbose) process.stdout.write(`${query.q.padEnd(45)} ${line.join('  ')}\n`);
    }
    const suggestMs: number[] = [];
    const prefixes = queries.flatMap((q) => [q.q.slice(0, 3), q.q.slice(0, 6)]).filter((p) => p.trim().length > 0);
    for (const prefix of prefixes) {
      const res = await getJson(`${catalog}/products/suggest?q=${encodeURIComponent(prefix)}`);
      if (res.status !== 200) throw new Error(`suggest "${prefix}" answered ${res.status}`);
      suggestMs.push(res.ms);
    }

    const rows = MODES.map(
      (m) =>
        `| ${m.padEnd(8)} | ${mean(scores[m]!.ndcg).toFixed(3)}   | ${mean(scores[m]!.recall).toFixed(3)}     | ${percentile(scores[m]!.ms, 50).toFixed(1)} / ${percentile(scores[m]!.ms, 95).toFixed(1)} |`,
    );
    process.stdout.write(
      [
        '',
        `Search quality: ${queries.length} labelled shopper queries over the seeded catalog (${options.databaseUrl ? 'PostgreSQL at DATABASE_URL' : 'embedded PGlite'}, all-MiniLM-L6-v2)`,
        '',
        '| mode     | nDCG@10 | recall@10 | latency p50 / p95 ms |',
        '| -------- | ------- | --------- | -------------------- |',
        ...rows,
        '',
        `Autocomplete (GET /products/suggest, ${suggestMs.length} prefixes): p50 ${percentile(suggestMs, 50).toFixed(1)} ms, p95 ${percentile(suggestMs, 95).toFixed(1)} ms`,
        '',
      ].join('\n'),
    );
  } finally {
    await shop.close();
  }
}

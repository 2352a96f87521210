import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddingsConfig, embeddingsService, loadTransformersEncoder } from '@shopmesh/embeddings';
import { gatewayService } from '@shopmesh/gateway';
import { inventoryService } from '@shopmesh/inventory';
import { createLogger, loadConfig, startEmbeddedHost } from '@shopmesh/platform';
import { embeddingSource } from '../../src/domain/search-text';
import { vectorLiteral } from '../../src/db/search-sql';
import { uuidFromName } from '../../src/seed/text';
import { CATEGORY_TEMPLATES } from '../../src/seed/templates';
import { SEED_SELLERS } from '../../src/seed/sellers';
import { catalogService } from '../../src/service';
import { percentile } from './metrics';

const DIMS = 384;
const BATCH = 32;
const K = 10;
const CACHE = join(process.env.SHOPMESH_CACHE ?? join(homedir(), '.cache', 'shopmesh'), 'bench');

interface SyntheticProduct {
  id: string;
  name: string;
  category: string;
  sellerId: string;
  description: string;
  priceAmount: number;
}

/** A deterministic pseudo-random generator (mulberry32), so every run makes the same catalog. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` products made from the seed's category templates: kinds, adjectives, variants, colours, uses. */
function syntheticCatalog(count: number): SyntheticProduct[] {
  const next = random(42);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const template = CATEGORY_TEMPLATES[i % CATEGORY_TEMPLATES.length]!;
    const kind = pick(template.kinds);
    const detail = pick(kind.details);
    const name = `${pick(template.adjectives)} ${pick(kind.variants)} ${kind.noun} ${pick(template.colors)} No. ${1000 + i}`;
    const [min, max] = kind.price;
    return {
      id: uuidFromName(`scale-${count}-${i}`),
      name,
      category: template.slug,
      sellerId: SEED_SELLERS[template.seller]!.id,
      description: `A ${kind.noun.toLowerCase()} ${kind.purpose}. ${detail} ${pick(template.useCases)}`,
      priceAmount: (min + Math.floor(next() * (max - min + 1))) * 100 - 1,
    };
  });
}

/** Every product's vector, cached on disk (float32, row after row) after the first run. */
async function vectorsFor(products: SyntheticProduct[]): Promise<{ vectors: Float32Array; perSecond: number | undefined }> {
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `vectors-${products.length}.f32`);
  const models = loadConfig(EmbeddingsConfig, process.env);
  const encoder = await loadTransformersEncoder({ modelsDir: models.EMBEDDINGS_MODELS_DIR, model: models.EMBEDDINGS_MODEL });
  if (existsSync(file)) {
    // Throughput is still measured, on the first 1,024 products.
    const sample = products.slice(0, 1024).map(embeddingSource);
    const started = performance.now();
    for (let i = 0; i < sample.length; i += BATCH) await encoder.embed(sample.slice(i, i + BATCH));
    const perSecond = sample.length / ((performance.now() - started) / 1000);
    const buffer = readFileSync(file);
    return { vectors: new Float32Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 4), perSecond };
  }
  const vectors = new Float32Array(products.length * DIMS);
  const started = performance.now();
  for (let i = 0; i < products.length; i += BATCH) {
    const batch = products.slice(i, i + BATCH);
    const out = await encoder.embed(batch.map(embeddingSource));
    out.forEach((v, j) => vectors.set(v, (i + j) * DIMS));
    if ((i / BATCH) % 100 === 0) process.stderr.write(`\rembedded ${i + batch.length} / ${products.length}`);
  }
  const perSecond = products.length / ((performance.now() - started) / 1000);
  process.stderr.write('\n');
  writeFileSync(file, Buffer.from(vectors.buffer));
  return { vectors, perSecond };
}

const row = (vectors: Float32Array, i: number): number[] => Array.from(vectors.subarray(i * DIMS, (i + 1) * DIMS));

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/**
 * `npm run bench:search -- --products 100000`: HNSW against an exact scan (latency and recall@10) on a
 * real PostgreSQL with pgvector, hybrid search end to end through the gateway, and embedding throughput.
 */
export async function runScaleBench(options: { products: number; databaseUrl: string }): Promise<void> {
  const products = syntheticCatalog(options.products);
  const { vectors, perSecond } = await vectorsFor(products);
  const suffix = `_scale${options.products}`;
  const schema = `catalog${suffix}`;
  const host = await startEmbeddedHost({
    services: [inventoryService, embeddingsService, catalogService, gatewayService],
    databaseUrl: options.databaseUrl,
    schemaSuffix: suffix,
    env: { ...process.env, RATE_LIMIT_IP_PER_MINUTE: '1000000', RATE_LIMIT_USER_PER_MINUTE: '1000000' },
    seed: false,
    logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }),
  });
  const db = new Client({ connectionString: options.databaseUrl });
  await db.connect();
  try {
    const t = `"${schema}".products`;
    // The index the catalog's migrations made: the run measures that one, rebuilt over the loaded rows.
    const [{ indexDef }] = (await db.query(`select pg_get_indexdef('"${schema}".products_embedding'::regclass) as "indexDef"`)).rows as [{ indexDef: string }];
    const graph = /WITH \((.*)\)/.exec(indexDef)?.[1]?.replace(/'/g, '').replace(/=/g, ' ') ?? 'm 16, ef_construction 64';
    const [{ count }] = (await db.query(`select count(*)::int as count from ${t}`)).rows as [{ count: number }];
    let buildSeconds: number | undefined;
    if (count !== products.length) {
      await db.query(`truncate ${t} cascade`);
      await db.query(`insert into "${schema}".sellers (id, display_name) select * from unnest($1::uuid[], $2::text[]) on conflict do nothing`, [
        SEED_SELLERS.map((s) => s.id),
        SEED_SELLERS.map((s) => s.displayName),
      ]);
      await db.query(
        `insert into "${schema}".categories (slug, name, description, position) select * from unnest($1::text[], $2::text[], $3::text[], $4::int[]) on conflict do nothing`,
        [
          CATEGORY_TEMPLATES.map((c) => c.slug),
          CATEGORY_TEMPLATES.map((c) => c.name),
          CATEGORY_TEMPLATES.map((c) => c.description),
          CATEGORY_TEMPLATES.map((_, i) => i),
        ],
      );
      // The index is built once over the loaded rows (faster and a better graph than 100k inserts into it).
      await db.query(`drop index if exists "${schema}".products_embedding`);
      for (let i = 0; i < products.length; i += 2000) {
        const chunk = products.slice(i, i + 2000);
        await db.query(
          `insert into ${t} (id, seller_id, name, slug, description, category, price_amount, image_url, embedding, embedding_source)
           select id, seller, name, slug, description, category, price, '', embedding::vector, source
             from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[])
               as r (id, seller, name, slug, description, category, price, embedding, source)`,
          [
            chunk.map((p) => p.id),
            chunk.map((p) => p.sellerId),
            chunk.map((p) => p.name),
            chunk.map((p) => `${p.id}`),
            chunk.map((p) => p.description),
            chunk.map((p) => p.category),
            chunk.map((p) => p.priceAmount),
            chunk.map((_, j) => vectorLiteral(row(vectors, i + j))),
            chunk.map((p) => embeddingSource(p)),
          ],
        );
        process.stderr.write(`\rloaded ${Math.min(i + 2000, products.length)} / ${products.length}`);
      }
      process.stderr.write('\n');
      await db.query(`set maintenance_work_mem = '1GB'`);
      const build = await timed(() => db.query(indexDef));
      buildSeconds = build.ms / 1000;
      await db.query(`analyze ${t}`);
    }

    // Queries: the labelled shopper queries and product-like phrases, embedded once.
    const models = loadConfig(EmbeddingsConfig, process.env);
    const encoder = await loadTransformersEncoder({ modelsDir: models.EMBEDDINGS_MODELS_DIR, model: models.EMBEDDINGS_MODEL });
    const { queries } = JSON.parse(readFileSync(join(__dirname, 'queries.json'), 'utf8')) as { queries: { q: string }[] };
    const texts = queries.map((q) => q.q);
    const queryVectors = await encoder.embed(texts);

    const knn = async (vector: number[], exact: boolean, efSearch = 40) => {
      await db.query('begin');
      // Each side is forced, so a small table (where the planner prefers a scan) still measures the index.
      await db.query(exact ? 'set local enable_indexscan = off' : 'set local enable_seqscan = off');
      await db.query(`set local hnsw.ef_search = ${efSearch}`);
      const res = await timed(() =>
        db.query(`select id, embedding <=> $1::vector as distance from ${t} order by embedding <=> $1::vector limit ${K}`, [vectorLiteral(vector)]),
      );
      await db.query('commit');
      const rows = res.value.rows as { id: string; distance: number }[];
      return { ids: rows.map((r) => r.id), distances: rows.map((r) => Number(r.distance)), ms: res.ms };
    };
    // pgvector's default, what semantic search sets for its 100 candidates, and one above.
    const EF_SEARCH = [40, 100, 200];
    const exactMs: number[] = [];
    const sweep = EF_SEARCH.map((efSearch) => ({ efSearch, ms: [] as number[], recalls: [] as number[], tieRecalls: [] as number[] }));
    for (const vector of queryVectors) {
      const exact = await knn(vector, true);
      exactMs.push(exact.ms);
      const tenth = exact.distances[K - 1]!;
      for (const point of sweep) {
        const approx = await knn(vector, false, point.efSearch);
        point.ms.push(approx.ms);
        point.recalls.push(approx.ids.filter((id) => exact.ids.includes(id)).length / K);
        // The synthetic catalog is made from templates, so many products tie at the 10th distance; a hit
        // as near as the exact 10th is as good an answer (ann-benchmarks counts recall the same way).
        point.tieRecalls.push(approx.distances.filter((d) => d <= tenth + 1e-6).length / K);
      }
    }
    const plan = (await db.query(`explain select id from ${t} order by embedding <=> $1::vector limit ${K}`, [vectorLiteral(queryVectors[0]!)])).rows
      .map((r: Record<string, string>) => Object.values(r)[0]!.trim())
      .join(' / ')
      .replace(/'\[[^']*\]'/g, "'[query]'");

    // Hybrid end to end: the gateway, the catalog, the query embedding, both rankings and the page.
    const gateway = host.url('gateway');
    const hybridMs: number[] = [];
    for (const text of texts) {
      const res = await timed(() => fetch(`${gateway}/api/v1/products?q=${encodeURIComponent(text)}&mode=hybrid&pageSize=20`));
      if (res.value.status !== 200) throw new Error(`hybrid "${text}" answered ${res.value.status}`);
      const body = (await res.value.json()) as { degraded: boolean };
      if (body.degraded) throw new Error('hybrid search was degraded: is the model installed?');
      hybridMs.push(res.ms);
    }

    const f = (n: number) => n.toFixed(1);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    process.stdout.write(
      [
        '',
        `Scale: ${products.length} synthetic products on PostgreSQL at DATABASE_URL, ${queryVectors.length} shopper queries, top ${K}`,
        '',
        '| measure | p50 ms | p95 ms | recall@10 (ids) | recall@10 (distance, ties count) | p95 / exact p95 |',
        '| --- | --- | --- | --- | --- | --- |',
        `| exact scan (cosine, no index) | ${f(percentile(exactMs, 50))} | ${f(percentile(exactMs, 95))} | 1 | 1 | 1 |`,
        ...sweep.map(
          (point) =>
            `| HNSW (${graph}, ef_search ${point.efSearch}) | ${f(percentile(point.ms, 50))} | ${f(percentile(point.ms, 95))} | ` +
            `${mean(point.recalls).toFixed(3)} | ${mean(point.tieRecalls).toFixed(3)} | ${(percentile(point.ms, 95) / percentile(exactMs, 95)).toFixed(3)} |`,
        ),
        `| hybrid through the gateway (embed + both ranks + page of 20) | ${f(percentile(hybridMs, 50))} | ${f(percentile(hybridMs, 95))} | | | |`,
        '',
        buildSeconds === undefined ? 'HNSW index: built on an earlier run' : `HNSW index build over ${products.length} rows: ${buildSeconds.toFixed(1)} s`,
        perSecond === undefined ? '' : `Embedding throughput (batch ${BATCH}): ${perSecond.toFixed(0)} sentences/s`,
        `Plan: ${plan}`,
        '',
      ].join('\n'),
    );
  } finally {
    await db.end();
    await host.close();
  }
}

/** `--embed-only`: makes (or reuses) the vector cache and reports throughput; no database needed. */
export async function embedScaleCatalog(count: number): Promise<void> {
  const { perSecond } = await vectorsFor(syntheticCatalog(count));
  process.stdout.write(`Embedded ${count} synthetic products; throughput (batch ${BATCH}): ${perSecond?.toFixed(0)} sentences/s\n`);
}

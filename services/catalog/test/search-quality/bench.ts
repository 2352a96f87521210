import { runQualityBench } from './quality';
import { embedScaleCatalog, runScaleBench } from './scale';

/**
 * `npm run bench:search [-- --verbose] [-- --products 100000]`. Without --products: search quality over
 * the labelled queries. With it: the scale run on the PostgreSQL at DATABASE_URL (`--embed-only` only fills the
 * vector cache, without a database).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const productsAt = args.indexOf('--products');
  const databaseUrl = process.env.DATABASE_URL;
  if (productsAt >= 0) {
    const products = Number(args[productsAt + 1]);
    if (!Number.isInteger(products) || products < 1000) throw new Error('--products takes a whole number of at least 1000');
    if (args.includes('--embed-only')) return embedScaleCatalog(products);
    if (!databaseUrl) throw new Error('the scale run needs DATABASE_URL (a real PostgreSQL with pgvector: scripts/provision/redis-postgres.sh)');
    await runScaleBench({ products, databaseUrl });
  } else {
    await runQualityBench({ ...(databaseUrl ? { databaseUrl } : {}), verbose: args.includes('--verbose') });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:search failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

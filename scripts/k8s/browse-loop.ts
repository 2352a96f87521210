/**
 * A shopper browsing without pause while the chart is upgraded: the product list, a product page's API
 * call and the storefront, one request after another, until SIGTERM. Every response must be a 200;
 * prints the counts and exits 1 when any request failed (status or connection error).
 *   node --import tsx scripts/k8s/browse-loop.ts BASE_URL
 */
const base = (process.argv[2] ?? '').replace(/\/$/, '');
if (!base) {
  process.stderr.write('usage: browse-loop.ts BASE_URL\n');
  process.exit(2);
}

let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});

const failures: string[] = [];
let ok = 0;
const started = Date.now();

async function get(path: string): Promise<unknown> {
  try {
    const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(15000) });
    const body = await response.text();
    if (response.status !== 200) {
      failures.push(`${new Date().toISOString()} GET ${path}: ${response.status} ${body.slice(0, 200)}`);
      return undefined;
    }
    ok += 1;
    return path.startsWith('/api/') ? JSON.parse(body) : body;
  } catch (err) {
    failures.push(`${new Date().toISOString()} GET ${path}: ${(err as Error).message} ${String((err as Error).cause ?? '')}`);
    return undefined;
  }
}

async function main(): Promise<void> {
  while (!stopping) {
    const list = (await get('/api/v1/products?limit=5')) as { items?: { id: string }[] } | undefined;
    const first = list?.items?.[0];
    if (first) await get(`/api/v1/products/${first.id}`);
    await get('/');
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  process.stdout.write(`browse loop: ${ok} requests answered 200, ${failures.length} failed, in ${seconds}s\n`);
  for (const f of failures.slice(0, 20)) process.stdout.write(`  ${f}\n`);
  process.exit(failures.length === 0 && ok > 0 ? 0 : 1);
}

void main();

// `npm run test:fuzz`: Schemathesis (PyPI, pinned, in a venv under ~/.cache/shopmesh) runs every check
// over every operation of the public OpenAPI document (the SSE stream excluded) against an embedded
// shop started here on ports of its own, with a fixed seed and a bounded number of examples,
// authenticated as the seeded customer. Any finding fails the tier. It reports how many requests
// reached the gateway and how long the run took.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startShopProcess, UNTHROTTLED } from '../../services/shop/test/shop-process';

const ROOT = resolve(__dirname, '../..');
const SEED = process.env.FUZZ_SEED ?? '20261126';
const MAX_EXAMPLES = process.env.FUZZ_MAX_EXAMPLES ?? '10';

/** Requests the gateway has answered so far, from its request histogram on the management port. */
async function gatewayRequests(managementUrl: string): Promise<number> {
  const text = await (await fetch(`${managementUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('http_server_request_duration_seconds_count{') && line.includes('service="gateway"'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

async function main(): Promise<number> {
  const log = (line: string) => process.stdout.write(`[test:fuzz] ${line}\n`);
  const started = Date.now();
  const st = execFileSync('bash', [join(ROOT, 'scripts/fuzz/install.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  log(`schemathesis ready (${((Date.now() - started) / 1000).toFixed(0)} s): ${st}`);

  const shop = await startShopProcess({
    // The fuzzer's requests must meet the API's rules, not its budgets.
    env: { ...UNTHROTTLED, MODEL_FETCH: 'false', LOG_LEVEL: 'error' },
  });
  try {
    // The ready line names the management port, where the gateway counts what it answered.
    const managementUrl = /Management: (http:\/\/127\.0\.0\.1:\d+)\//.exec(shop.output())?.[1];
    if (!managementUrl) throw new Error(`the shop announced no management port:\n${shop.output().slice(-2000)}`);
    const base = shop.baseUrl;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'customer@example.com', password: 'Customer@123' }),
    });
    if (!login.ok) throw new Error(`login as the seeded customer failed: ${login.status}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const before = await gatewayRequests(managementUrl);
    const scratch = mkdtempSync(join(tmpdir(), 'shopmesh-fuzz-st-'));
    const fuzzStarted = Date.now();
    const exitCode = await new Promise<number>((done) => {
      const run = spawn(
        st,
        [
          '--config-file',
          join(ROOT, 'scripts/fuzz/schemathesis.toml'),
          'run',
          `${base}/api/openapi.json`,
          '--url',
          `${base}/api/v1`,
          '--checks',
          'all',
          '--seed',
          SEED,
          '--max-examples',
          MAX_EXAMPLES,
          '--exclude-path',
          '/notifications/stream',
          '--header',
          `Authorization: Bearer ${accessToken}`,
          '--request-timeout',
          '30',
          '--no-color',
        ],
        // Schemathesis keeps a cache of examples in its working directory: a scratch one, not the repository.
        { stdio: 'inherit', cwd: scratch },
      );
      run.once('exit', (code) => done(code ?? 1));
    });
    rmSync(scratch, { recursive: true, force: true });
    const requests = (await gatewayRequests(managementUrl)) - before;
    log(
      `${requests} requests reached the gateway in ${((Date.now() - fuzzStarted) / 1000).toFixed(0)} s (seed ${SEED}, at most ${MAX_EXAMPLES} examples per operation)`,
    );
    log(exitCode === 0 ? 'no findings' : `FAILED: schemathesis exited with ${exitCode}`);
    return exitCode === 0 ? 0 : 1;
  } finally {
    await shop.stop();
    log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`test:fuzz failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);

import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `npm start` step: builds the storefront into web/dist when it is missing or older than anything it
 * is built from (web sources, its config, the contracts it imports), so the shop always serves the
 * current storefront without a separate build command.
 */
const root = resolve(__dirname, '../..');
const web = join(root, 'web');
const SOURCES = [
  join(web, 'src'),
  join(web, 'public'),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  join(web, 'package.json'),
  join(root, 'services/contracts/src'),
];

function newest(path: string): number {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

function builtAt(): number {
  try {
    return statSync(join(web, 'dist', 'index.html')).mtimeMs;
  } catch {
    return 0;
  }
}

const built = builtAt();
const changed = Math.max(...SOURCES.map(newest));
if (built === 0 || changed > built) {
  const started = Date.now();
  process.stdout.write(`Building the storefront (web/dist is ${built === 0 ? 'missing' : 'older than its sources'})...\n`);
  const result = spawnSync('npm', ['run', 'build', '--silent', '-w', 'web', '--', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('The storefront build failed; the API still starts, the storefront is not served.\n');
    process.exit(process.env.WEB_BUILD_REQUIRED === '1' ? 1 : 0);
  }
  process.stdout.write(`Storefront built in ${((Date.now() - started) / 1000).toFixed(1)}s.\n`);
}

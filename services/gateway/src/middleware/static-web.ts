import { createReadStream, existsSync, promises as fs } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type Koa from 'koa';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.webmanifest']);
/**
 * Paths the gateway answers itself; everything else may be the storefront. The probe and metrics paths
 * (on the management port now) stay here so they are a 404 on the public port, not the app shell.
 */
const OWN_PATHS = /^\/(api|healthz|readyz|metrics)(\/|$)/;

/** Whether `dir` holds a storefront build the gateway can serve. */
export function hasWebBuild(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/**
 * Serves the storefront build (Vite's `web/dist`) for GET and HEAD outside `/api`. Vite puts content-hashed
 * files under `/assets/`, so they are cached for a year as immutable; `index.html` is revalidated every
 * time so a new build is picked up. Any other path without a file extension is a client-side route
 * (history mode) and gets `index.html`, so a reload of `/orders/123` works.
 */
export function staticWeb(dir: string): Koa.Middleware {
  const root = resolve(dir);
  // Built files never change while the process runs, except when rebuilt; the key carries the mtime.
  const gzipCache = new Map<string, Buffer>();

  const send = async (ctx: Koa.Context, file: string, size: number, mtimeMs: number): Promise<void> => {
    const ext = extname(file);
    ctx.type = TYPES[ext] ?? 'application/octet-stream';
    const relative = file.slice(root.length).split(sep).join('/');
    ctx.set('cache-control', relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    ctx.set('last-modified', new Date(mtimeMs).toUTCString());
    ctx.vary('accept-encoding');
    // Koa judges freshness only for a 2xx answer.
    ctx.status = 200;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    if (COMPRESSIBLE.has(ext) && ctx.acceptsEncodings('gzip', 'identity') === 'gzip' && size > 1024) {
      const key = `${file}:${mtimeMs}`;
      let body = gzipCache.get(key);
      if (!body) {
        body = gzipSync(await fs.readFile(file));
        gzipCache.set(key, body);
      }
      ctx.set('content-encoding', 'gzip');
      ctx.body = body;
      return;
    }
    ctx.length = size;
    ctx.body = ctx.method === 'HEAD' ? null : createReadStream(file);
  };

  const statFile = async (file: string) => {
    const stat = await fs.stat(file).catch(() => undefined);
    return stat?.isFile() ? stat : undefined;
  };

  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || OWN_PATHS.test(ctx.path)) return next();
    let path: string;
    try {
      path = decodeURIComponent(ctx.path);
    } catch {
      return next();
    }
    const file = join(root, normalize(path));
    if (file !== root && !file.startsWith(root + sep)) return next();
    const stat = await statFile(file);
    if (stat) return send(ctx, file, stat.size, stat.mtimeMs);
    // A missing asset is a 404, not the app shell: a stale page asking for an old chunk must fail loudly.
    if (extname(path)) return next();
    const index = join(root, 'index.html');
    const indexStat = await statFile(index);
    if (!indexStat) return next();
    await send(ctx, index, indexStat.size, indexStat.mtimeMs);
  };
}

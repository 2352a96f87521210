import { Topics, ProductChanged } from '@shopmesh/contracts';
import type { Subscription } from '@shopmesh/platform';
import type Koa from 'koa';

/** A stored answer of a public catalog read. */
interface Entry {
  body: Buffer;
  headers: Record<string, string>;
  expiresAt: number;
}

/** The public catalog reads the edge may answer from its cache (not `/seller/...`, which is per seller). */
const CACHEABLE = /^\/api\/v1\/(products|categories|sellers)(\/|\?|$)/;
/** Headers of the upstream answer that a cached copy carries. */
const KEPT = ['content-type', 'etag', 'cache-control', 'last-modified'];

/**
 * The gateway's edge cache of anonymous catalog GETs: a bounded map of URL -> answer, emptied when a
 * product changes (`catalog.product-changed`) and otherwise kept for `ttlMs`, which bounds how stale
 * the `available` counts on lists may get (stock moves through orders publish no product change).
 */
export class EdgeCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: { ttlMs: number; maxEntries: number; now?: () => number }) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, body: Buffer, headers: Record<string, string>): void {
    if (this.options.ttlMs <= 0) return;
    // A Map iterates in insertion order: dropping the first key evicts the oldest entry.
    if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { body, headers, expiresAt: this.now() + this.options.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Empties the cache when any product changes: lists, pages and facets may all show it. */
  subscription(): Subscription<ProductChanged> {
    return { topic: Topics.productChanged, schema: ProductChanged, handler: async () => this.clear() };
  }
}

function cacheable(ctx: Koa.Context): boolean {
  return (
    (ctx.method === 'GET' || ctx.method === 'HEAD') &&
    CACHEABLE.test(ctx.url) &&
    !ctx.get('authorization') &&
    !ctx.get('cookie') &&
    !/no-cache|no-store/.test(ctx.get('cache-control'))
  );
}

/**
 * Answers anonymous public catalog GETs from the edge cache (with 304 for a matching If-None-Match),
 * and stores the 200 answers that pass through it. Signed-in requests always go to the catalog.
 */
export function edgeCache(cache: EdgeCache): Koa.Middleware {
  return async (ctx, next) => {
    if (!cacheable(ctx)) return next();
    const hit = cache.get(ctx.url);
    if (hit) {
      ctx.set(hit.headers);
      ctx.set('x-cache', 'HIT');
      if (hit.headers.etag && ctx.get('if-none-match') === hit.headers.etag) {
        ctx.status = 304;
        return;
      }
      ctx.status = 200;
      ctx.body = hit.body;
      return;
    }
    await next();
    ctx.set('x-cache', 'MISS');
    const control = String(ctx.response.get('cache-control'));
    if (ctx.status === 200 && Buffer.isBuffer(ctx.body) && !ctx.response.get('set-cookie') && !/private|no-store/.test(control)) {
      const headers: Record<string, string> = {};
      for (const name of KEPT) {
        const value = ctx.response.get(name);
        if (value) headers[name] = String(value);
      }
      cache.set(ctx.url, ctx.body, headers);
    }
  };
}

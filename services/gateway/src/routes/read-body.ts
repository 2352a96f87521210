import type Koa from 'koa';
import getRawBody from 'raw-body';
import { DomainError } from '@shopmesh/platform';

const tooLarge = (limit: number) => new DomainError(413, 'payload-too-large', `Request bodies may be at most ${limit} bytes`);

/**
 * Reads the raw request body (undefined when there is none) up to `limit` bytes. Above it the answer
 * is a 413; the rest of the upload is drained so the client can read that answer.
 */
export async function readRawBody(ctx: Koa.Context, limit: number): Promise<Buffer | undefined> {
  if (!ctx.request.length && !ctx.get('transfer-encoding')) return undefined;
  try {
    const body = await getRawBody(ctx.req, { limit, length: ctx.request.length });
    return body.length > 0 ? body : undefined;
  } catch (err) {
    if ((err as { type?: string }).type !== 'entity.too.large') throw err;
    ctx.req.resume();
    ctx.set('connection', 'close');
    throw tooLarge(limit);
  }
}

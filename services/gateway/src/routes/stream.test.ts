import { PassThrough } from 'node:stream';
import request from 'supertest';
import { createLogger, unauthorized, type Invoker, type TokenVerifier } from '@shopmesh/platform';
import { createApp } from '../app';
import type { RateLimiter } from '../db/rate-limiter';
import type { OpenStream } from '../clients/stream';

const verifier: TokenVerifier = {
  verify: async (token) => {
    if (token !== 'good') throw unauthorized();
    return { id: '1d000000-0000-4000-8000-000000000001', email: 'c@example.com', role: 'customer' };
  },
};
const unlimited: RateLimiter = { hit: async () => ({ allowed: true, remaining: 1, retryAfterSeconds: 60 }) };
const noInvoke = {} as Invoker;

function gateway(openStream: OpenStream, streamsPerUser?: number) {
  return createApp({
    ...(streamsPerUser ? { streamsPerUser } : {}),
    logger: createLogger({ name: 'test', level: 'silent' }),
    verifier,
    invoke: noInvoke,
    openStream,
    limiter: unlimited,
    rateLimits: { ipPerMinute: 1, userPerMinute: 1, loginPerMinute: 1, signupPerMinute: 1 },
    corsOrigins: [],
    trustProxyHops: 0,
    bodyLimitBytes: 1024,
  });
}

/** An open stream as a client sees it: resolves once its first chunk arrived; `ended` once the gateway ends it. */
function openClient(app: ReturnType<typeof gateway>): Promise<{ ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    request(app.callback())
      .get('/api/v1/notifications/stream')
      .set('authorization', 'Bearer good')
      .buffer(false)
      .parse((res, done) => {
        const ended = new Promise<void>((end) => res.once('end', () => end()));
        res.once('data', () => resolve({ ended }));
        res.on('end', () => done(null, undefined));
      })
      .end((err) => {
        if (err) reject(err);
      });
  });
}

/** Resolves with the first chunk of the response body, while the stream is still open. */
function firstChunk(req: request.Test): Promise<{ status: number; headers: Record<string, string>; chunk: string }> {
  return new Promise((resolve, reject) => {
    req
      .buffer(false)
      .parse((res, done) => {
        res.once('data', (chunk: Buffer) => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, chunk: chunk.toString() });
          done(null, undefined);
        });
      })
      .end((err) => {
        if (err) reject(err);
      });
  });
}

describe('GET /api/v1/notifications/stream', () => {
  it('when notifications sends an event, then the client gets it before the stream ends', async () => {
    const upstream = new PassThrough();
    const calls: { path: string; headers: Record<string, string> }[] = [];
    const app = gateway(async (appId, path, headers) => {
      calls.push({ path, headers });
      setImmediate(() => upstream.write('event: notification\ndata: {"n":1}\n\n'));
      return { status: 200, headers: { 'content-type': 'text/event-stream' }, body: upstream };
    });

    const res = await firstChunk(request(app.callback()).get('/api/v1/notifications/stream').set('authorization', 'Bearer good').set('last-event-id', 'abc'));
    upstream.end();

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.chunk).toBe('event: notification\ndata: {"n":1}\n\n');
    expect(calls[0]).toMatchObject({ path: '/notifications/stream', headers: { authorization: 'Bearer good', 'last-event-id': 'abc' } });
  });

  it('when the token comes as ?access_token (EventSource), then it is checked and forwarded as a header, not in the query', async () => {
    const calls: { path: string; headers: Record<string, string> }[] = [];
    const app = gateway(async (appId, path, headers) => {
      calls.push({ path, headers });
      return { status: 200, headers: { 'content-type': 'text/event-stream' }, body: new PassThrough().end(': ok\n\n') };
    });

    await request(app.callback()).get('/api/v1/notifications/stream?access_token=good&x=1').expect(200);

    expect(calls[0]?.path).toBe('/notifications/stream?x=1');
    expect(calls[0]?.headers.authorization).toBe('Bearer good');
  });

  it('when the token is invalid, then the gateway answers 401 and opens no stream', async () => {
    const open = jest.fn<ReturnType<OpenStream>, Parameters<OpenStream>>();
    const app = gateway(open);

    await request(app.callback()).get('/api/v1/notifications/stream?access_token=bad').expect(401);

    expect(open).not.toHaveBeenCalled();
  });

  it('when a user opens one stream more than the limit, then their oldest stream is closed and its upstream released', async () => {
    const upstreams: PassThrough[] = [];
    const app = gateway(async () => {
      const upstream = new PassThrough();
      upstreams.push(upstream);
      setImmediate(() => upstream.write(': open\n\n'));
      return { status: 200, headers: { 'content-type': 'text/event-stream' }, body: upstream };
    }, 2);

    const first = await openClient(app);
    await openClient(app);
    await openClient(app);

    await first.ended;
    expect(upstreams.map((u) => u.destroyed)).toEqual([true, false, false]);
    for (const upstream of upstreams) upstream.end();
  });
});

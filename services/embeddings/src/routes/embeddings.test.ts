import request from 'supertest';
import { APP_TOKEN_HEADER, createLogger } from '@shopmesh/platform';
import { createApp } from '../app';
import { createEmbedder, type Encoder } from '../domain/embedder';

const logger = createLogger({ level: 'silent' });
/** The app token a host sets; /internal routes answer 401 without it. */
const APP_TOKEN = 'embeddings-test-token';
const encoder: Encoder = { model: 'fake', embed: async (texts) => texts.map((t) => [t.length, 0, 0]) };

function app(load: () => Promise<Encoder> = async () => encoder, missing = (): string | undefined => undefined) {
  const embedder = createEmbedder({ model: 'all-MiniLM-L6-v2', batchSize: 32, load, missing });
  const koa = createApp({ embedder, model: 'all-MiniLM-L6-v2', logger });
  koa.appToken = APP_TOKEN;
  return { embedder, app: koa };
}

describe('POST /internal/embeddings', () => {
  it('when texts are posted, then one vector per text comes back with the model and dimensions', async () => {
    const { app: koa } = app();

    const res = await request(koa.callback())
      .post('/internal/embeddings')
      .set(APP_TOKEN_HEADER, APP_TOKEN)
      .send({ texts: ['ab', 'abcd'] });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      model: 'all-MiniLM-L6-v2',
      dimensions: 3,
      vectors: [
        [2, 0, 0],
        [4, 0, 0],
      ],
    });
  });

  it.each([
    [{ texts: [] }, 'body.texts'],
    [{ texts: [''] }, 'body.texts.0'],
    [{ texts: Array.from({ length: 257 }, () => 'x') }, 'body.texts'],
    [{}, 'body.texts'],
  ])('when the body is %j, then it is a 400 naming %s', async (body, field) => {
    const res = await request(app().app.callback()).post('/internal/embeddings').set(APP_TOKEN_HEADER, APP_TOKEN).send(body);

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('when the model is missing, then it is a 503 problem naming the model and the fetch command', async () => {
    const { app: koa } = app(
      async () => {
        throw new Error('missing');
      },
      () => 'files absent',
    );

    const res = await request(koa.callback())
      .post('/internal/embeddings')
      .set(APP_TOKEN_HEADER, APP_TOKEN)
      .send({ texts: ['a'] });

    expect(res.status).toBe(503);
    expect(res.body.code).toBe('embedding-model-missing');
    expect(res.body.detail).toMatch(/all-MiniLM-L6-v2.*npm run model:fetch/);
  });

  it('when the model is warm, then the app reports ready (the management /readyz), and before that not', async () => {
    const { app: koa, embedder } = app();

    expect(await koa.ready()).toBe(false);
    await embedder.start();
    expect(await koa.ready()).toBe(true);
  });
});

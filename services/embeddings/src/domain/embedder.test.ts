import { DomainError } from '@shopmesh/platform';
import { createEmbedder, type Encoder, type EmbedderOptions } from './embedder';

/** An encoder whose vector for a text is [text length]; it records the batches it was called with. */
function fakeEncoder(): Encoder & { batches: string[][] } {
  const batches: string[][] = [];
  return {
    model: 'fake',
    batches,
    async embed(texts) {
      batches.push(texts);
      return texts.map((t) => [t.length]);
    },
  };
}

const options = (overrides: Partial<EmbedderOptions> = {}): EmbedderOptions => ({
  model: 'fake',
  batchSize: 3,
  load: async () => fakeEncoder(),
  missing: () => undefined,
  ...overrides,
});

describe('createEmbedder', () => {
  it('when the model loads, then it is warmed with one call before it reports ready', async () => {
    const encoder = fakeEncoder();
    const embedder = createEmbedder(options({ load: async () => encoder }));

    expect(embedder.ready()).toBe(false);
    await embedder.start();

    expect(embedder.ready()).toBe(true);
    expect(encoder.batches).toEqual([['warm up']]);
  });

  it('when requests arrive together, then their texts share batches of the configured size and each gets its vectors in order', async () => {
    const encoder = fakeEncoder();
    const embedder = createEmbedder(options({ load: async () => encoder }));
    await embedder.start();

    const [a, b] = await Promise.all([embedder.embed(['a', 'bb']), embedder.embed(['ccc', 'dddd', 'eeeee'])]);

    expect(a).toEqual([[1], [2]]);
    expect(b).toEqual([[3], [4], [5]]);
    expect(encoder.batches.slice(1)).toEqual([
      ['a', 'bb', 'ccc'],
      ['dddd', 'eeeee'],
    ]);
  });

  it('when a request comes while the model loads, then it waits for the model instead of failing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const embedder = createEmbedder(options({ load: async () => (await gate, fakeEncoder()) }));
    void embedder.start();

    const pending = embedder.embed(['abc']);
    release();

    expect(await pending).toEqual([[3]]);
  });

  it('when the model is not installed, then embedding is a 503 naming the model and the fetch command, and it is never ready', async () => {
    const embedder = createEmbedder(
      options({
        load: async () => {
          throw new Error('no files');
        },
        missing: () => '/models/fake lacks onnx/model_quantized.onnx',
      }),
    );

    const err = await embedder.embed(['x']).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ status: 503, code: 'embedding-model-missing', expose: true });
    expect((err as Error).message).toContain('npm run model:fetch');
    expect((err as Error).message).toContain('fake');
    expect(embedder.ready()).toBe(false);
  });

  it('when the model call fails, then that request fails and the next one is still served', async () => {
    let calls = 0;
    const encoder: Encoder = {
      model: 'flaky',
      async embed(texts) {
        calls++;
        if (calls === 2) throw new Error('inference failed');
        return texts.map(() => [0]);
      },
    };
    const embedder = createEmbedder(options({ load: async () => encoder }));

    await expect(embedder.embed(['a'])).rejects.toThrow('inference failed');
    expect(await embedder.embed(['b'])).toEqual([[0]]);
  });
});

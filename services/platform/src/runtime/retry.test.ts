import { DomainError } from '../errors';
import { retryTransient } from './retry';

/** A call that fails with `errors` in turn, then answers `value`; it records when each attempt happened. */
function flaky<T>(errors: Error[], value: T) {
  const at: number[] = [];
  const call = jest.fn(async () => {
    at.push(Date.now());
    const err = errors[at.length - 1];
    if (err) throw err;
    return value;
  });
  return { call, at };
}

const unavailable = () => new DomainError(502, 'upstream-unavailable', 'catalog is unavailable');

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

describe('retryTransient', () => {
  it('when a call fails with 5xx and then succeeds, then its value is returned after the retries', async () => {
    const { call } = flaky([unavailable(), unavailable()], 'ok');

    const result = await retryTransient(call, { attempts: 4, delayMs: 1 });

    expect(result).toBe('ok');
    expect(call).toHaveBeenCalledTimes(3);
  });

  it('when every attempt fails with 5xx, then it gives up after `attempts` calls with the last error', async () => {
    const last = new DomainError(503, 'busy', 'last');
    const { call } = flaky([unavailable(), unavailable(), last, unavailable()], 'never');

    const err = await rejection(retryTransient(call, { attempts: 3, delayMs: 1 }));

    expect(err).toBe(last);
    expect(call).toHaveBeenCalledTimes(3);
  });

  it('when a call fails with a 4xx, then it is rethrown at once without a retry', async () => {
    const rejected = new DomainError(422, 'out-of-stock', 'Only 2 left');
    const { call } = flaky([rejected], 'never');

    const err = await rejection(retryTransient(call, { attempts: 5, delayMs: 1 }));

    expect(err).toBe(rejected);
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('when a 4xx follows a 5xx, then retrying stops at the 4xx', async () => {
    const { call } = flaky([unavailable(), new DomainError(404, 'not-found', 'gone')], 'never');

    const err = await rejection(retryTransient(call, { attempts: 5, delayMs: 1 }));

    expect((err as DomainError).status).toBe(404);
    expect(call).toHaveBeenCalledTimes(2);
  });

  it('when it retries, then the delay doubles per attempt', async () => {
    const { call, at } = flaky([unavailable(), unavailable()], 'ok');

    await retryTransient(call, { attempts: 3, delayMs: 30 });

    const gaps = [at[1]! - at[0]!, at[2]! - at[1]!];
    expect(gaps[0]).toBeGreaterThanOrEqual(29);
    expect(gaps[1]).toBeGreaterThanOrEqual(59);
  });

  it('when no options are given, then it makes four attempts', async () => {
    jest.useFakeTimers();
    try {
      const { call } = flaky([unavailable(), unavailable(), unavailable(), unavailable(), unavailable()], 'never');

      const outcome = rejection(retryTransient(call));
      await jest.advanceTimersByTimeAsync(10_000);

      expect(await outcome).toBeInstanceOf(DomainError);
      expect(call).toHaveBeenCalledTimes(4);
    } finally {
      jest.useRealTimers();
    }
  });
});

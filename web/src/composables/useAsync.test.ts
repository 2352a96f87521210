import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import { ApiError } from '../api/client';
import { useAsync } from './useAsync';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('useAsync', () => {
  it('when the source changes while a load is in flight, then the older answer never overwrites the newer one', async () => {
    const id = ref('a');
    const answers: Record<string, ReturnType<typeof deferred<string>>> = { a: deferred(), b: deferred() };
    const state = useAsync(() => answers[id.value]!.promise, { source: id });

    id.value = 'b';
    await nextTick();
    answers.b!.resolve('answer b');
    await answers.b!.promise;
    answers.a!.resolve('answer a');
    await answers.a!.promise;
    await nextTick();

    expect(state.data.value).toBe('answer b');
    expect(state.isLoading.value).toBe(false);
  });

  it('when the load fails, then error holds an ApiError and a reload clears it once it works', async () => {
    let fail = true;
    const state = useAsync(async () => {
      if (fail) throw new ApiError(503, 'down');
      return 42;
    });
    await state.reload();
    expect(state.error.value?.status).toBe(503);

    fail = false;
    await state.reload();
    expect(state.error.value).toBeUndefined();
    expect(state.data.value).toBe(42);
  });
});

import { ref, shallowRef, watch, type Ref, type WatchSource } from 'vue';
import { ApiError } from '../api/client';

export interface AsyncState<T> {
  data: Ref<T | undefined>;
  error: Ref<ApiError | undefined>;
  isLoading: Ref<boolean>;
  /** Runs the load again (the retry button). */
  reload: () => Promise<void>;
}

/** Wraps an API load as `{ data, error, isLoading }`; reloads when `source` changes. A stale answer never overwrites a newer one. */
export function useAsync<T>(load: () => Promise<T>, options: { source?: WatchSource; immediate?: boolean } = {}): AsyncState<T> {
  const data = shallowRef<T>();
  const error = shallowRef<ApiError>();
  const isLoading = ref(false);
  let generation = 0;

  const reload = async () => {
    const mine = ++generation;
    isLoading.value = true;
    error.value = undefined;
    try {
      const value = await load();
      if (mine === generation) data.value = value;
    } catch (err) {
      if (mine === generation) error.value = err instanceof ApiError ? err : new ApiError(0, err instanceof Error ? err.message : String(err));
    } finally {
      if (mine === generation) isLoading.value = false;
    }
  };

  if (options.source) watch(options.source, () => void reload());
  if (options.immediate ?? true) void reload();
  return { data, error, isLoading, reload };
}

import { ref, watch, type Ref } from 'vue';
import { api } from '../api';
import { ApiError } from '../api/client';

export interface Suggestion {
  id: string;
  name: string;
}

const DEBOUNCE_MS = 180;

/**
 * Autocomplete for the search box: `GET /products/suggest`, and while the catalog does not serve it
 * (any 4xx), the names of the first keyword matches instead.
 */
export function useSuggestions(text: Ref<string>) {
  const data = ref<Suggestion[]>([]);
  const isLoading = ref(false);
  const error = ref<ApiError>();
  let suggestMissing = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  const fetchFor = async (q: string): Promise<Suggestion[]> => {
    if (!suggestMissing) {
      try {
        return (await api.catalog.suggest(q)).items.slice(0, 6);
      } catch (err) {
        // 404/405, or a 400 from a catalog that reads `suggest` as a product id.
        if (!(err instanceof ApiError) || err.retryable) throw err;
        suggestMissing = true;
      }
    }
    return (await api.catalog.search({ q, pageSize: 6 })).items.map((p) => ({ id: p.id, name: p.name }));
  };

  watch(text, (value) => {
    clearTimeout(timer);
    const q = value.trim();
    if (q.length < 2) {
      data.value = [];
      return;
    }
    timer = setTimeout(async () => {
      const mine = ++generation;
      isLoading.value = true;
      try {
        const items = await fetchFor(q);
        if (mine === generation) data.value = items;
      } catch (err) {
        if (mine === generation) error.value = err instanceof ApiError ? err : undefined;
      } finally {
        if (mine === generation) isLoading.value = false;
      }
    }, DEBOUNCE_MS);
  });

  return { data, error, isLoading };
}

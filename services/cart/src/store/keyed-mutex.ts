/** Runs async work one at a time per key; work on different keys runs concurrently. */
export interface KeyedMutex {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export function createKeyedMutex(): KeyedMutex {
  const tails = new Map<string, Promise<void>>();
  return {
    async run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const tail = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
      tails.set(key, tail);
      await previous;
      try {
        return await work();
      } finally {
        release();
        // The last one out removes the key, so the map holds only carts being written right now.
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}

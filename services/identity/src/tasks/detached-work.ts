import type { BackgroundTask, Logger } from '@shopmesh/platform';

/**
 * Work a request starts but does not wait for (mailing a reset link), so the answer neither waits on
 * the mail nor reveals by its timing whether the address has an account. Failures are logged; stopping
 * waits for the work under way.
 */
export function createDetachedWork(logger: Logger): BackgroundTask & { run(work: () => Promise<void>): void } {
  const pending = new Set<Promise<void>>();
  return {
    name: 'detached-work',
    start: () => undefined,
    run(work) {
      const running = work()
        .catch((err: unknown) => logger.error({ err }, 'detached work failed'))
        .finally(() => pending.delete(running));
      pending.add(running);
    },
    async stop() {
      await Promise.all([...pending]);
    },
  };
}

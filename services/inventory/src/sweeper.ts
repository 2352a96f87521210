import type { BackgroundTask, Logger } from '@shopmesh/platform';
import { releaseExpired } from './domain/reservations';
import type { InventoryDeps } from './domain/ports';

/** The reservation sweeper: every `intervalMs` it releases reservations whose time ran out. */
export function createReservationSweeper(
  deps: InventoryDeps,
  logger: Logger,
  options: { intervalMs: number; batch: number },
): BackgroundTask & { sweep(): Promise<number> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  const sweep = async (): Promise<number> => {
    let total = 0;
    let released: number;
    // A full batch means more may be waiting; keep going until a short one.
    do {
      released = await releaseExpired(deps, options.batch);
      total += released;
    } while (released === options.batch && !stopped);
    if (total > 0) logger.info({ released: total }, 'released expired reservations');
    return total;
  };

  const tick = (): void => {
    timer = setTimeout(() => {
      running = sweep()
        .catch((err: unknown) => logger.warn({ err }, 'reservation sweep failed, will retry'))
        .finally(() => {
          running = undefined;
          if (!stopped) tick();
        });
    }, options.intervalMs);
  };

  return {
    name: 'reservation-sweeper',
    sweep,
    start() {
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

import { periodicTask, type BackgroundTask, type Logger } from '@shopmesh/platform';
import { releaseExpired } from '../domain/reservations';
import type { InventoryDeps } from '../domain/ports';

/** The reservation sweeper: every `intervalMs` it releases reservations whose time ran out. */
export function createReservationSweeper(
  deps: InventoryDeps,
  logger: Logger,
  options: { intervalMs: number; batch: number },
): BackgroundTask & { sweep(): Promise<number> } {
  const sweep = async (): Promise<number> => {
    let total = 0;
    let released: number;
    // A full batch means more may be waiting; keep going until a short one.
    do {
      released = await releaseExpired(deps, options.batch);
      total += released;
    } while (released === options.batch);
    if (total > 0) logger.info({ released: total }, 'released expired reservations');
    return total;
  };
  const task = periodicTask({
    name: 'reservation-sweeper',
    intervalMs: options.intervalMs,
    logger,
    run: async () => {
      await sweep();
    },
  });
  return { ...task, sweep };
}

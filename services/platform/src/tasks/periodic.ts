import type { Logger } from '../logger';
import type { BackgroundTask } from '../service';

/** A background loop built by {@link periodicTask}. */
export interface PeriodicTask extends BackgroundTask {
  /**
   * Runs the work now, or once more right after the run under way (several triggers meanwhile make one
   * extra run); resolves when that run has ended.
   */
  trigger(): Promise<void>;
  /** Triggers a pass when the task is started (a hint that work arrived); ignored otherwise. */
  nudge(): void;
}

/** What {@link periodicTask} runs and how often. */
export interface PeriodicTaskOptions {
  name: string;
  intervalMs: number;
  /** One pass of the work; a throw is logged and the next pass comes at the next interval. */
  run: () => Promise<void>;
  logger: Logger;
  /** Run once at start instead of waiting a whole interval first. */
  runAtStart?: boolean;
}

/**
 * The one periodic loop of ShopMesh (outbox relay, reservation sweeper, checkout starter): passes never
 * overlap, the timer is `unref`ed so it never keeps a process (or a jest worker) alive, and `stop`
 * cancels the next pass and waits for the one under way, so nothing runs after it resolves.
 */
export function periodicTask(options: PeriodicTaskOptions): PeriodicTask {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;

  const runNow = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await options.run();
        } catch (err) {
          options.logger.warn({ err, task: options.name }, `${options.name}: pass failed, will retry`);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const schedule = (): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void runNow().finally(schedule), options.intervalMs);
    timer.unref();
  };

  return {
    name: options.name,
    start() {
      if (!stopped) return;
      stopped = false;
      if (options.runAtStart) void runNow();
      schedule();
    },
    trigger: runNow,
    nudge() {
      if (!stopped) void runNow();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

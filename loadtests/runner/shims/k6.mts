import { vuState } from './state.mjs';

/** k6's `check`: records one `checks` sample per condition and returns whether all held. */
export function check<T>(value: T, sets: Record<string, (v: T) => unknown>, tags: Record<string, string> = {}): boolean {
  const state = vuState();
  let all = true;
  for (const [name, predicate] of Object.entries(sets)) {
    let ok: boolean;
    try {
      ok = Boolean(predicate(value));
    } catch {
      ok = false;
    }
    state.record('checks', 'rate', ok ? 1 : 0, { check: name, ...tags });
    all &&= ok;
  }
  return all;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** k6's `sleep`: blocks this VU (its own thread) for the given seconds. */
export function sleep(seconds: number): void {
  Atomics.wait(sleeper, 0, 0, Math.max(0, seconds * 1000));
}

/** k6's `group`: runs fn with the group path tagged on every sample, and records `group_duration`. */
export function group<T>(name: string, fn: () => T): T {
  const state = vuState();
  const parent = state.groupPath;
  state.groupPath = `${parent}::${name}`;
  const started = performance.now();
  try {
    return fn();
  } finally {
    state.record('group_duration', 'trend', performance.now() - started, {}, 'time');
    state.groupPath = parent;
  }
}

/** k6's `fail`: aborts the iteration with the message. */
export function fail(message = 'fail() called'): never {
  throw new Error(message);
}

export default { check, sleep, group, fail };

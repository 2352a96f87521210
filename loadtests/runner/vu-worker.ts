import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { VuCommand, VuReply, VuWorkerData } from './protocol';
import { installVuState } from './vu-state';

/** One VU: its own thread and its own copy of the script, as k6 gives every VU its own JS runtime. */
const data = workerData as VuWorkerData;
const state = installVuState(data.vuId, data.httpPort, data.signal);
register(data.hooks);
(globalThis as Record<string, unknown>).__ENV = { ...data.env };
(globalThis as Record<string, unknown>).__VU = data.vuId;
(globalThis as Record<string, unknown>).__ITER = 0;

type Script = Record<string, unknown> & { options?: unknown };
let script: Script | undefined;

function exported(name: string): (...args: unknown[]) => unknown {
  const fn = script?.[name];
  if (typeof fn !== 'function') throw new Error(`the script exports no function "${name}"`);
  return fn as (...args: unknown[]) => unknown;
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

async function execute(command: VuCommand): Promise<Omit<VuReply, 'metrics'>> {
  switch (command.kind) {
    case 'init': {
      script = (await import(pathToFileURL(data.script).href)) as Script;
      const functions = Object.keys(script).filter((k) => typeof script![k] === 'function');
      return { ok: true, result: { options: JSON.parse(JSON.stringify(script.options ?? {})) as unknown, functions }, errors: [], iterations: 0 };
    }
    case 'setup':
      return { ok: true, result: script?.setup ? exported('setup')() : undefined, errors: [], iterations: 0 };
    case 'teardown':
      if (script?.teardown) exported('teardown')(command.data);
      return { ok: true, errors: [], iterations: 0 };
    case 'handleSummary':
      return { ok: true, result: exported('handleSummary')(command.summary), errors: [], iterations: 0 };
    case 'run': {
      const { scenario } = command;
      const fn = exported(scenario.exec);
      state.scenario = scenario.name;
      state.scenarioTags = scenario.tags;
      (globalThis as Record<string, unknown>).__ENV = { ...data.env, ...scenario.env };
      const errors: string[] = [];
      for (let i = 0; i < scenario.iterations; i++) {
        state.iteration = i;
        (globalThis as Record<string, unknown>).__ITER = i;
        const started = performance.now();
        try {
          fn(command.data);
        } catch (err) {
          // k6 logs an iteration's exception and goes on with the next one; the runner reports them all.
          errors.push(describe(err));
        }
        state.record('iterations', 'counter', 1, {});
        state.record('iteration_duration', 'trend', performance.now() - started, {}, 'time');
      }
      return { ok: true, errors, iterations: scenario.iterations };
    }
  }
}

parentPort!.on('message', (command: VuCommand) => {
  void execute(command)
    .catch((err: unknown): Omit<VuReply, 'metrics'> => ({ ok: false, error: describe(err), errors: [], iterations: 0 }))
    .then((reply) => {
      const metrics = state.metrics;
      state.metrics = {};
      parentPort!.postMessage({ ...reply, metrics } satisfies VuReply);
    });
});

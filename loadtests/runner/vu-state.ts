import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { MetricType, Sample } from './thresholds';
import type { WireMetrics, WireRequest, WireResponse } from './protocol';

/**
 * The state of the VU running in this worker thread. The k6 shims (k6, k6/http, k6/metrics) reach it
 * through a global symbol because the script loads them through the ESM loader while the worker loads
 * this file through require: a module-level singleton could exist twice.
 */
export interface VuState {
  vuId: number;
  iteration: number;
  scenario: string;
  scenarioTags: Record<string, string>;
  groupPath: string;
  metrics: WireMetrics;
  expectedStatus: (status: number) => boolean;
  /** Performs an HTTP request synchronously, as k6's API is. */
  http(request: WireRequest): WireResponse;
  record(name: string, type: MetricType, value: number, tags: Record<string, string>, contains?: 'time' | 'default'): void;
}

/** The global the shims (shims/state.mts) read the VU from. */
const KEY = Symbol.for('shopmesh.k6-runner.vu');

/** Creates the VU state of this worker thread. */
export function installVuState(vuId: number, httpPort: MessagePort, signalBuffer: SharedArrayBuffer): VuState {
  const signal = new Int32Array(signalBuffer);
  const state: VuState = {
    vuId,
    iteration: 0,
    scenario: '',
    scenarioTags: {},
    groupPath: '',
    metrics: {},
    expectedStatus: (status) => status >= 200 && status < 400,
    http(request) {
      Atomics.store(signal, 0, 0);
      httpPort.postMessage(request);
      Atomics.wait(signal, 0, 0);
      const reply = receiveMessageOnPort(httpPort);
      if (!reply) throw new Error('the runner woke the VU without an HTTP answer');
      return reply.message as WireResponse;
    },
    record(name, type, value, tags, contains = 'default') {
      const metric = (state.metrics[name] ??= { type, contains, samples: [] });
      if (metric.type !== type) throw new Error(`metric ${name} is a ${metric.type}, not a ${type}`);
      const sample: Sample = { value, tags: { ...state.scenarioTags, scenario: state.scenario, group: state.groupPath, ...tags } };
      metric.samples.push(sample);
    },
  };
  (globalThis as Record<symbol, unknown>)[KEY] = state;
  return state;
}

import type { MessagePort } from 'node:worker_threads';
import type { MetricType, Sample } from './thresholds';

/** An HTTP request a VU hands to the main thread, which performs it while the VU blocks. */
export interface WireRequest {
  method: string;
  url: string;
  body?: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** What the main thread answers: the response, or the error k6 would report. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  durationMs: number;
  waitingMs: number;
  error: string;
  errorCode: number;
}

/** The metrics a VU recorded, sent to the main thread after every command. */
export type WireMetrics = Record<string, { type: MetricType; contains: 'time' | 'default'; samples: Sample[] }>;

/** A scenario as one VU runs it. */
export interface VuScenario {
  name: string;
  exec: string;
  iterations: number;
  tags: Record<string, string>;
  env: Record<string, string>;
}

/** Commands from the orchestrator to a VU worker. */
export type VuCommand =
  | { kind: 'init' }
  | { kind: 'setup' }
  | { kind: 'run'; scenario: VuScenario; data: unknown }
  | { kind: 'teardown'; data: unknown }
  | { kind: 'handleSummary'; summary: unknown };

/** The answer to a command: its result, the metrics recorded meanwhile, and the errors iterations threw. */
export interface VuReply {
  ok: boolean;
  result?: unknown;
  error?: string;
  metrics: WireMetrics;
  errors: string[];
  iterations: number;
}

/** What the VU worker is started with. */
export interface VuWorkerData {
  script: string;
  vuId: number;
  env: Record<string, string>;
  /** Int32 signal the main thread raises when an HTTP answer is waiting on `httpPort`. */
  signal: SharedArrayBuffer;
  httpPort: MessagePort;
  hooks: string;
}

import type { z } from 'zod';
import type { Rate, ThrottleResult } from './gcra';

export type { Rate, ThrottleResult } from './gcra';

/** App ids of the deployable services; Dapr app ids and embedded port keys use the same names. */
export const APP_IDS = ['gateway', 'identity', 'catalog', 'embeddings', 'inventory', 'cart', 'orders', 'payments', 'notifications'] as const;
/** One of {@link APP_IDS}. */
export type AppId = (typeof APP_IDS)[number];

/** A stored value with its concurrency token. */
export interface StateEntry<T> {
  value: T;
  etag: string;
}

/** Options for {@link StateStore.save}. */
export interface SaveOptions {
  /** First-write-wins: the save fails with 409 unless the stored etag still equals this one. */
  etag?: string;
  /**
   * Create-if-absent: the save fails with 409 when the key already holds a live value, so two first
   * writers of one key cannot both win (Dapr's first-write concurrency with no etag). Not with `etag`.
   */
  onlyIfAbsent?: boolean;
  /** Seconds until the entry expires. */
  ttlSeconds?: number;
}

/** Key/value state with ETag concurrency and TTL (Dapr state building block). */
export interface StateStore {
  get<T>(key: string): Promise<StateEntry<T> | undefined>;
  /** Returns the new etag. Throws a 409 DomainError (code `etag-mismatch`) on a stale etag. */
  save<T>(key: string, value: T, options?: SaveOptions): Promise<string>;
  /** Deletes the key; with an etag, only if it still matches. */
  delete(key: string, options?: { etag?: string }): Promise<void>;
  getBulk<T>(keys: string[]): Promise<Map<string, StateEntry<T>>>;
  /**
   * Spends one request of `rate` under `key` in one atomic step (GCRA, see gcra.ts), so concurrent
   * callers can never together pass more than the budget. `nowMs` comes from the caller's clock.
   * Rejects when the store cannot be reached; the caller decides whether that fails open or closed.
   */
  throttle(key: string, rate: Rate, nowMs: number): Promise<ThrottleResult>;
}

/** A CloudEvents 1.0 envelope as delivered to subscribers. */
export interface CloudEvent<T = unknown> {
  id: string;
  source: string;
  type: string;
  specversion: '1.0';
  datacontenttype: 'application/json';
  time: string;
  topic: string;
  traceparent?: string;
  data: T;
}

/** A subscription a service declares; the runtime delivers each event at least once. */
export interface Subscription<T = unknown> {
  topic: string;
  /** Validates `data`; an event that fails it goes straight to the dead-letter topic. */
  schema: z.ZodType<T>;
  handler: (event: CloudEvent<T>) => Promise<void>;
  /**
   * Defaults to `<topic>.<appId>.dead-letter`: one per subscribing service, since several services
   * subscribe to one topic and each keeps (and replays) only what its own handler could not take.
   */
  deadLetterTopic?: string;
}

/** Publishes domain events (Dapr pub/sub building block). */
export interface PubSub {
  /** Resolves once the broker has accepted the event; `id` makes redelivery deduplicable. */
  publish(topic: string, data: unknown, options?: { id?: string; traceparent?: string }): Promise<void>;
}

/** A request to another service, as made by {@link Invoker.request}. */
export interface InvokeRequest {
  method: string;
  /** Path with query string, e.g. `/products?q=lamp`. */
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A raw response from another service. */
export interface InvokeResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Service invocation (Dapr service invocation building block). */
export interface Invoker {
  /** Passes the response through as it came, whatever its status. */
  request(appId: AppId, request: InvokeRequest): Promise<InvokeResponse>;
  /**
   * Calls another service and parses its JSON response with `schema`. A 4xx answer is rethrown as a
   * DomainError with the callee's status, code and detail; a 5xx or unreachable callee becomes a 502.
   */
  json<T>(appId: AppId, request: InvokeRequest, schema: z.ZodType<T>): Promise<T>;
  /** Opens a long-lived response (SSE) as a stream; destroying `body` aborts the upstream request. */
  stream(appId: AppId, request: InvokeRequest): Promise<InvokeStream>;
}

/** A streamed response from another service. */
export interface InvokeStream {
  status: number;
  headers: Record<string, string>;
  body: import('node:stream').Readable;
}

/** A durable task handle inside a workflow; yield it to wait for its result. */
export interface WorkflowTask<T = unknown> {
  isComplete: boolean;
  isFailed: boolean;
  getResult(): T;
}

/**
 * A typed handle of an activity: workflows call it by reference (`ctx.callActivity(reserveStock, input)`)
 * and the service registers its implementation under it, so the compiler checks every call's name,
 * input and output. Make one with {@link activity}.
 */
export interface Activity<I, O> {
  readonly name: string;
  /** Carries the input and output types only; never set. */
  readonly types?: (input: I) => O;
}

/** Declares an activity handle; `name` is what the workflow history records. */
export const activity = <I, O>(name: string): Activity<I, O> => ({ name });

/** An activity's implementation bound to its handle, as {@link WorkflowRegistrations} takes it. */
export interface ActivityImplementation {
  activity: Activity<never, unknown>;
  run: (input: never) => Promise<unknown>;
}

/** Binds an implementation to its handle; the types must match the handle's. */
export const implement = <I, O>(handle: Activity<I, O>, run: ActivityFn<I, O>): ActivityImplementation => ({ activity: handle, run });

/** What a workflow function sees: the subset of Dapr's WorkflowContext both adapters provide. */
export interface WorkflowContext {
  getWorkflowInstanceId(): string;
  getCurrentUtcDateTime(): Date;
  isReplaying(): boolean;
  callActivity<I, O>(activity: Activity<I, O>, input: I): WorkflowTask<O>;
  createTimer(fireAt: Date | number): WorkflowTask<unknown>;
  waitForExternalEvent<T = unknown>(name: string): WorkflowTask<T>;
  whenAny(tasks: WorkflowTask[]): WorkflowTask<WorkflowTask>;
  whenAll<T>(tasks: WorkflowTask<T>[]): WorkflowTask<T[]>;
  setCustomStatus(status: string): void;
}

/**
 * A workflow: an async generator (`async function*`, as Dapr's JS SDK requires) that yields tasks and
 * gets their results back. It is replayed from history on recovery, so it must be deterministic: time
 * from `ctx.getCurrentUtcDateTime()`, I/O only in activities.
 */
export type WorkflowFn<I = unknown, O = unknown> = (ctx: WorkflowContext, input: I) => AsyncGenerator<WorkflowTask<any>, O, any>;

/** An activity: ordinary async code a workflow calls; must be idempotent (it may run again after a crash). */
export type ActivityFn<I = unknown, O = unknown> = (input: I) => Promise<O>;

/** Runtime status of a workflow instance, as Dapr reports it. */
export type WorkflowStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'TERMINATED' | 'SUSPENDED' | 'UNKNOWN';

/** What {@link Workflows.get} returns. */
export interface WorkflowState {
  instanceId: string;
  name: string;
  status: WorkflowStatus;
  output?: unknown;
  failure?: string;
  customStatus?: string;
}

/** Workflows and activities a service registers before the runtime starts. */
export interface WorkflowRegistrations {
  workflows: Record<string, WorkflowFn<any, any>>;
  activities: ActivityImplementation[];
}

/** Durable workflows (Dapr Workflows building block). */
export interface Workflows {
  register(registrations: WorkflowRegistrations): void;
  /** Starts the worker; call after registering. */
  start(): Promise<void>;
  /** Schedules a new instance; scheduling an existing id again is a no-op that returns the id. */
  schedule(name: string, input: unknown, instanceId: string): Promise<string>;
  raiseEvent(instanceId: string, eventName: string, payload?: unknown): Promise<void>;
  get(instanceId: string): Promise<WorkflowState | undefined>;
  terminate(instanceId: string, reason?: string): Promise<void>;
}

/** Secrets (Dapr secrets building block). */
export interface Secrets {
  get(name: string): Promise<string | undefined>;
}

/** Output bindings (Dapr bindings building block), e.g. `email` with operation `create`. */
export interface Bindings {
  invoke(name: string, operation: string, data: unknown, metadata?: Record<string, string>): Promise<void>;
}

/** An event that exhausted its deliveries to one service (or failed its schema). */
export interface DeadLetter {
  /** Unique within the service that keeps it. */
  id: string;
  /** The topic the event was published to. */
  topic: string;
  /** The last error the subscriber's handler raised, when this replica saw it. */
  error?: string;
  attempts?: number;
  failedAt: string;
  event: CloudEvent;
}

/** A service's dead letters, for the ops view: listed, and replayed one at a time. */
export interface DeadLetters {
  /** The most recent first, at most a page of them. */
  list(): Promise<DeadLetter[]>;
  /**
   * Delivers the event to this service's handler again, and forgets it once handled (a failure keeps
   * it, with the new error). False when there is no such dead letter.
   */
  replay(id: string): Promise<boolean>;
}

/** Everything a service may use from its infrastructure. */
export interface Runtime {
  readonly appId: AppId;
  readonly state: StateStore;
  readonly pubsub: PubSub;
  readonly invoke: Invoker;
  readonly workflows: Workflows;
  readonly secrets: Secrets;
  readonly bindings: Bindings;
  readonly deadLetters: DeadLetters;
  /** Starts delivery of the given subscriptions to this service. */
  subscribe(subscriptions: Subscription<any>[]): Promise<void>;
  close(): Promise<void>;
}

import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Principal } from '../auth/principal';
import type { TokenVerifier } from '../auth/verifier';
import { DomainError, unauthorized } from '../errors';
import { APP_TOKEN_HEADER } from '../http/app-token';
import type { ServiceApp } from '../http/kit';
import { createLogger, type Logger } from '../logger';
import { readInvokeResponse } from '../runtime/invoke-response';
import type { AppId, CloudEvent, DeadLetter, InvokeRequest, InvokeResponse, Runtime, StateStore, Subscription } from '../runtime/port';
import { createMemoryStateStore } from './memory-state';

/** A logger that writes nothing, for apps under test. */
export const silentLogger = (): Logger => createLogger({ level: 'silent' });

/** The app token route tests give their app, and the headers that present it as another service would. */
export const FAKE_APP_TOKEN = 'route-test-app-token';
export const fakeInternalHeaders: Record<string, string> = { [APP_TOKEN_HEADER]: FAKE_APP_TOKEN };

/** Lets `app`'s internal routes (`/internal/*`, `/events/*`) take calls carrying {@link fakeInternalHeaders}. */
export function acceptFakeAppToken<A extends ServiceApp>(app: A): A {
  app.appToken = FAKE_APP_TOKEN;
  return app;
}

/** A token verifier for route tests: opaque tokens handed out per principal, anything else is a 401. */
export interface FakeVerifier {
  verifier: TokenVerifier;
  /** A bearer token that verifies as `principal`. */
  tokenFor(principal: Principal): string;
  /** `Bearer <token>` for `principal`, for an Authorization header. */
  bearer(principal: Principal): string;
}

export function createFakeVerifier(): FakeVerifier {
  const principals = new Map<string, Principal>();
  const tokenFor = (principal: Principal) => {
    const token = `test-${randomUUID()}`;
    principals.set(token, principal);
    return token;
  };
  return {
    verifier: {
      verify: async (token) => {
        const principal = principals.get(token);
        if (!principal) throw unauthorized('The access token is not valid');
        return principal;
      },
    },
    tokenFor,
    bearer: (principal) => `Bearer ${tokenFor(principal)}`,
  };
}

/** What a faked callee answers: a status (200 by default) and a JSON body. */
export interface FakeReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Answers one invocation of another service; return undefined for a 404 (no such route). A DomainError
 * it throws is answered as the callee's problem+json, as a real service's error middleware would.
 */
export type FakeInvokeHandler = (appId: AppId, request: InvokeRequest) => FakeReply | undefined | Promise<FakeReply | undefined>;

async function answer(handler: FakeInvokeHandler, appId: AppId, req: InvokeRequest): Promise<FakeReply | undefined> {
  try {
    return await handler(appId, req);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const problem = {
      type: 'about:blank',
      title: err.code,
      status: err.status,
      detail: err.message,
      code: err.code,
      ...(err.errors.length ? { errors: err.errors } : {}),
    };
    return { status: err.status, body: problem, headers: { 'content-type': 'application/problem+json' } };
  }
}

/** Options of {@link createFakeRuntime}. */
export interface FakeRuntimeOptions {
  appId: AppId;
  /** The other services this one calls; unset, every call answers 502 as an unreachable callee would. */
  invoke?: FakeInvokeHandler;
  state?: StateStore;
  secrets?: Record<string, string>;
}

/** A runtime in memory that records what the service sends out. */
export interface FakeRuntime extends Runtime {
  /** Every event published, in order. */
  published: { topic: string; data: unknown }[];
  /** Every output binding call, in order. */
  bindingCalls: { name: string; operation: string; data: unknown; metadata?: Record<string, string> }[];
  /** Every invocation of another service, in order. */
  invocations: { appId: AppId; request: InvokeRequest }[];
  /** The subscriptions the service asked for. */
  subscriptions: Subscription<any>[];
}

/**
 * The runtime port in memory, for route tests that drive `createApp(deps)` without a host: state in a
 * map with the port's whole contract, invocations answered by `options.invoke` and parsed by the same
 * rule as both adapters (`Invoker.json`), publishes and binding calls recorded. Workflows and streams
 * are not faked: a test that needs them belongs in the e2e suite.
 */
export function createFakeRuntime(options: FakeRuntimeOptions): FakeRuntime {
  const published: FakeRuntime['published'] = [];
  const bindingCalls: FakeRuntime['bindingCalls'] = [];
  const invocations: FakeRuntime['invocations'] = [];
  const subscriptions: Subscription<any>[] = [];
  const deadLetters: DeadLetter[] = [];
  const request = async (appId: AppId, req: InvokeRequest): Promise<InvokeResponse> => {
    invocations.push({ appId, request: req });
    const reply = options.invoke ? await answer(options.invoke, appId, req) : { status: 502, body: { code: 'upstream-unavailable' } };
    const status = reply?.status ?? (reply ? 200 : 404);
    const body = reply?.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(reply.body));
    return { status, headers: { 'content-type': 'application/json', ...reply?.headers }, body };
  };
  const notFaked = (what: string) => () => Promise.reject(new Error(`${what} is not faked in route tests`));
  return {
    appId: options.appId,
    state: options.state ?? createMemoryStateStore(),
    pubsub: {
      publish: async (topic, data) => {
        published.push({ topic, data: structuredClone(data) });
      },
    },
    invoke: {
      request,
      json: async <T>(appId: AppId, req: InvokeRequest, schema: z.ZodType<T>) => readInvokeResponse(appId, await request(appId, req), schema),
      stream: notFaked('invoke.stream'),
    },
    workflows: {
      register: () => undefined,
      start: async () => undefined,
      schedule: notFaked('workflows.schedule'),
      raiseEvent: notFaked('workflows.raiseEvent'),
      get: notFaked('workflows.get'),
      terminate: notFaked('workflows.terminate'),
    },
    secrets: { get: async (name) => options.secrets?.[name] },
    bindings: {
      invoke: async (name, operation, data, metadata) => {
        bindingCalls.push({ name, operation, data, ...(metadata ? { metadata } : {}) });
      },
    },
    deadLetters: { list: async () => deadLetters, replay: async () => false },
    subscribe: async (subs) => {
      subscriptions.push(...subs);
    },
    close: async () => undefined,
    published,
    bindingCalls,
    invocations,
    subscriptions,
  };
}

/**
 * Delivers one event to the subscription for `topic` among `subscriptions`, as the bus would: the data
 * parsed with the subscription's schema, wrapped in a CloudEvent. Throws when nothing subscribes.
 */
export async function deliverEvent(subscriptions: Subscription<any>[], topic: string, data: unknown, id: string = randomUUID()): Promise<void> {
  const subscription = subscriptions.find((s) => s.topic === topic);
  if (!subscription) throw new Error(`nothing subscribes to ${topic}`);
  const event: CloudEvent<unknown> = {
    id,
    source: 'route-test',
    type: 'com.shopmesh.event',
    specversion: '1.0',
    datacontenttype: 'application/json',
    time: new Date().toISOString(),
    topic,
    data: subscription.schema.parse(data),
  };
  await subscription.handler(event);
}

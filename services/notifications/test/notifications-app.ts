/**
 * The notifications app for route tests: its own tables in a test schema, mail recorded by a fake
 * runtime's `email` binding, events delivered straight to its subscriptions, tokens from a fake
 * verifier. No host, no bus, no other service. The app listens on a loopback port of its own because
 * an SSE stream needs a socket that stays open.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Clock, Principal } from '@shopmesh/platform';
import {
  acceptFakeAppToken,
  createFakeRuntime,
  createFakeVerifier,
  deliverEvent,
  fakeInternalHeaders,
  openTestDatabase,
  silentLogger,
} from '@shopmesh/platform/testing';
import { NotificationsConfig } from '../src/config';
import { notificationsDatabase } from '../src/db/schema';
import { composeNotifications } from '../src/service';

/**
 * A clock that reads one millisecond later each time it is read. Rows stored one after another then
 * never share a millisecond, so the newest-first page and a stream's replay have one right order.
 */
export function steppingClock(start: Date = new Date()): Clock {
  let ms = start.getTime();
  return { now: () => new Date(ms++) };
}

/** Options of {@link notificationsApp}. */
export interface NotificationsAppOptions {
  /** Settings beside the config's defaults, as environment strings. */
  env?: Record<string, string>;
  clock?: Clock;
}

export async function notificationsApp(options: NotificationsAppOptions = {}) {
  const db = await openTestDatabase('notifications', notificationsDatabase);
  const runtime = createFakeRuntime({ appId: 'notifications' });
  const auth = createFakeVerifier();
  const { app, subscriptions } = composeNotifications({
    config: NotificationsConfig.parse(options.env ?? {}),
    orm: db.orm,
    runtime,
    verifier: auth.verifier,
    logger: silentLogger(),
    clock: options.clock ?? steppingClock(),
  });
  acceptFakeAppToken(app);
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    /** As a client through the gateway: no app token. */
    api: request(url),
    /** As another service: with the app token. */
    internalApi: request.agent(url).set(fakeInternalHeaders),
    url,
    /** Delivers one event to the subscription for `topic` as the bus would; rejects when the handler throws (the bus then redelivers). */
    deliver: (topic: string, data: unknown, id?: string) => deliverEvent(subscriptions, topic, data, id),
    /** Every call of the `email` binding (and any other), oldest first. */
    bindingCalls: runtime.bindingCalls,
    /** `Bearer <token>` that the app accepts as `principal`. */
    bearer: (principal: Principal) => auth.bearer(principal),
    /** The `notifications_open_streams` gauge, as the management port's /metrics reports it. */
    async openStreams(): Promise<number> {
      const gauge = await app.metrics.getSingleMetric('notifications_open_streams')?.get();
      return gauge?.values[0]?.value ?? Number.NaN;
    },
    sql: db.sql,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      await db.close();
    },
  };
}

/** What {@link notificationsApp} answers. */
export type NotificationsApp = Awaited<ReturnType<typeof notificationsApp>>;

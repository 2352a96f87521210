/**
 * The identity app for route tests: its own tables in a test schema, the state port in memory, mail to
 * notifications recorded by a fake, a signing key of the test's own. No host, no other service.
 */
import request from 'supertest';
import { SendMailRequest } from '@shopmesh/contracts';
import { createOutboxRelay, systemClock, type Clock, type InvokeRequest } from '@shopmesh/platform';
import {
  acceptFakeAppToken,
  createFakeRuntime,
  createTestKeys,
  fakeInternalHeaders,
  openTestDatabase,
  silentLogger,
  type FakeReply,
} from '@shopmesh/platform/testing';
import { IdentityConfig } from '../src/config';
import { identityDatabase } from '../src/db/schema';
import { seedUsers } from '../src/seed';
import { composeIdentity } from '../src/service';
import { createDetachedWork } from '../src/tasks/detached-work';

/** Options of {@link identityApp}. */
export interface IdentityAppOptions {
  /** Settings beside the config's defaults, as environment strings. */
  env?: Record<string, string>;
  /** Insert the sample users first, as `npm start` does. */
  seed?: boolean;
  clock?: Clock;
}

export async function identityApp(options: IdentityAppOptions = {}) {
  const keys = await createTestKeys();
  const db = await openTestDatabase('identity', identityDatabase);
  const mail: SendMailRequest[] = [];
  // Notifications' one route identity calls: it mails what identity asks it to.
  const notifications = (req: InvokeRequest): FakeReply | undefined => {
    if (req.method !== 'POST' || req.path !== '/internal/mail') return undefined;
    mail.push(SendMailRequest.parse(req.body));
    return { status: 202 };
  };
  const runtime = createFakeRuntime({
    appId: 'identity',
    secrets: { 'jwt-signing-key': keys.privatePem },
    invoke: (appId, req) => (appId === 'notifications' ? notifications(req) : undefined),
  });
  const logger = silentLogger();
  const detached = createDetachedWork(logger);
  // The real relay, so events leave the outbox for the fake bus as they would for the real one.
  const relay = createOutboxRelay(db.orm, runtime.pubsub, logger);
  relay.start();
  const { app, deps } = await composeIdentity({
    config: IdentityConfig.parse(options.env ?? {}),
    orm: db.orm,
    runtime,
    logger,
    clock: options.clock ?? systemClock,
    nudge: () => relay.nudge(),
    later: (work) => detached.run(work),
  });
  acceptFakeAppToken(app);
  if (options.seed) await seedUsers(deps, logger);
  return {
    /** As a client through the gateway: no app token. */
    api: request(app.callback()),
    /** As another service: with the app token. */
    internalApi: request.agent(app.callback()).set(fakeInternalHeaders),
    internalHeaders: fakeInternalHeaders,
    /** The mail identity asked notifications to send, oldest first. */
    mail,
    /** Waits for the mail work requests started without waiting for it. */
    drainMail: () => detached.stop(),
    /** Events identity published through its outbox. */
    published: runtime.published,
    signToken: keys.sign,
    sql: db.sql,
    orm: db.orm,
    async close() {
      await detached.stop();
      await relay.stop();
      await db.close();
    },
  };
}

/** What {@link identityApp} answers. */
export type IdentityApp = Awaited<ReturnType<typeof identityApp>>;

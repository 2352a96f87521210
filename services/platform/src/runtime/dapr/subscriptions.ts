import Router from '@koa/router';
import { newScope, runInScope } from '../../context';
import type { Logger } from '../../logger';
import type { CloudEvent, Subscription } from '../port';

/** One entry of Dapr's programmatic subscription list (`GET /dapr/subscribe`). */
export interface DaprSubscriptionEntry {
  pubsubname: string;
  topic: string;
  route: string;
  deadLetterTopic: string;
}

/** Where Dapr delivers a topic's events on the app. */
export const eventRoute = (topic: string): string => `/events/${encodeURIComponent(topic)}`;

/**
 * Serves Dapr's subscription contract on a service's own Koa app: `GET /dapr/subscribe` lists the
 * subscriptions, and `POST /events/:topic` receives each CloudEvent. The answer tells Dapr what to do:
 * `SUCCESS` when the handler returned, `RETRY` when it threw (Dapr redelivers per its resiliency policy,
 * then dead-letters), `DROP` for an event whose data fails the subscription's schema (Dapr sends dropped
 * events to the dead-letter topic). `application/cloudevents+json` matches the kit's `application/*+json`
 * parser, so the envelope arrives parsed in `ctx.request.body`.
 */
export function daprSubscriptionRouter(subscriptions: Subscription<any>[], pubsubName: string, logger: Logger): Router {
  const byTopic = new Map(subscriptions.map((s) => [s.topic, s]));
  const router = new Router();

  router.get('/dapr/subscribe', (ctx) => {
    ctx.body = subscriptions.map((s): DaprSubscriptionEntry => ({
      pubsubname: pubsubName,
      topic: s.topic,
      route: eventRoute(s.topic),
      deadLetterTopic: s.deadLetterTopic ?? `${s.topic}.dead-letter`,
    }));
  });

  router.post('/events/:topic', async (ctx) => {
    const topic = ctx.params.topic ?? '';
    const subscription = byTopic.get(topic);
    const envelope = ctx.request.body as Partial<CloudEvent> | undefined;
    ctx.status = 200;
    if (!subscription || !envelope || typeof envelope !== 'object' || typeof envelope.id !== 'string') {
      logger.error({ topic, eventId: envelope?.id }, 'dapr pubsub: not a CloudEvent for a subscribed topic, dropping');
      ctx.body = { status: 'DROP' };
      return;
    }
    const parsed = subscription.schema.safeParse(envelope.data);
    if (!parsed.success) {
      logger.error({ topic, eventId: envelope.id, why: parsed.error.message }, 'dapr pubsub: invalid event, dropping to dead-letter');
      ctx.body = { status: 'DROP' };
      return;
    }
    try {
      const scope = newScope(logger, { parent: envelope.traceparent ?? ctx.state.traceparent, requestId: envelope.id, bindings: { topic } });
      await runInScope(scope, () => subscription.handler({ ...(envelope as CloudEvent), topic, data: parsed.data }));
      ctx.body = { status: 'SUCCESS' };
    } catch (err) {
      // Not an HTTP error: the event is fine, the handler failed, so Dapr should deliver it again.
      logger.warn({ err, topic, eventId: envelope.id }, 'dapr pubsub: handler failed, asking for redelivery');
      ctx.body = { status: 'RETRY' };
    }
  });

  return router;
}

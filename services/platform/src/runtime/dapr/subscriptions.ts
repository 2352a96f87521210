import Router from '@koa/router';
import { safeErrorMessage } from '../../error-serializer';
import type { Logger } from '../../logger';
import { deadLetterTopicOf } from '../dead-letter-topic';
import type { CloudEvent, Subscription } from '../port';
import { deliverEvent, type DaprDeadLetterKeeper } from './dead-letters';

/** One entry of Dapr's programmatic subscription list (`GET /dapr/subscribe`). */
export interface DaprSubscriptionEntry {
  pubsubname: string;
  topic: string;
  route: string;
  deadLetterTopic?: string;
}

/** Where Dapr delivers a topic's events on the app. */
export const eventRoute = (topic: string): string => `/events/${encodeURIComponent(topic)}`;

/**
 * Serves Dapr's subscription contract on a service's own Koa app: `GET /dapr/subscribe` lists the
 * subscriptions, and `POST /events/:topic` receives each CloudEvent. The answer tells Dapr what to do:
 * `SUCCESS` when the handler returned, `RETRY` when it threw (Dapr redelivers per its resiliency policy,
 * then dead-letters), `DROP` for an event whose data fails the subscription's schema (Dapr sends dropped
 * events to the dead-letter topic). The app also subscribes to its own dead-letter topics and hands what
 * arrives there to `deadLetters`. `application/cloudevents+json` matches the kit's `application/*+json`
 * parser, so the envelope arrives parsed in `ctx.request.body`.
 */
export function daprSubscriptionRouter(
  subscriptions: Subscription<any>[],
  options: { pubsubName: string; appId: string; deadLetters: DaprDeadLetterKeeper; logger: Logger },
): Router {
  const { pubsubName, appId, deadLetters, logger } = options;
  const byTopic = new Map(subscriptions.map((s) => [s.topic, s]));
  const deadLetterTopics = new Map(subscriptions.map((s) => [s.deadLetterTopic ?? deadLetterTopicOf(s.topic, appId), s.topic]));
  const router = new Router();

  router.get('/dapr/subscribe', (ctx) => {
    ctx.body = [
      ...subscriptions.map((s): DaprSubscriptionEntry => ({
        pubsubname: pubsubName,
        topic: s.topic,
        route: eventRoute(s.topic),
        deadLetterTopic: s.deadLetterTopic ?? deadLetterTopicOf(s.topic, appId),
      })),
      ...[...deadLetterTopics.keys()].map((topic): DaprSubscriptionEntry => ({ pubsubname: pubsubName, topic, route: eventRoute(topic) })),
    ];
  });

  router.post('/events/:topic', async (ctx) => {
    const topic = ctx.params.topic ?? '';
    const subscription = byTopic.get(topic);
    const deadLetterOf = deadLetterTopics.get(topic);
    const envelope = ctx.request.body as Partial<CloudEvent> | undefined;
    ctx.status = 200;
    if ((!subscription && deadLetterOf === undefined) || !envelope || typeof envelope !== 'object' || typeof envelope.id !== 'string') {
      logger.error({ topic, eventId: envelope?.id }, 'dapr pubsub: not a CloudEvent for a subscribed topic, dropping');
      ctx.body = { status: 'DROP' };
      return;
    }
    if (deadLetterOf !== undefined) {
      // Kept, or Dapr retries it; a dead letter that cannot be stored is not silently lost.
      await deadLetters.keep(deadLetterOf, envelope as CloudEvent);
      ctx.body = { status: 'SUCCESS' };
      return;
    }
    const parsed = subscription!.schema.safeParse(envelope.data);
    if (!parsed.success) {
      logger.error({ topic, eventId: envelope.id, why: parsed.error.message }, 'dapr pubsub: invalid event, dropping to dead-letter');
      deadLetters.failed({ id: envelope.id }, `invalid event: ${parsed.error.message}`);
      ctx.body = { status: 'DROP' };
      return;
    }
    try {
      await deliverEvent(subscription!, { ...(envelope as CloudEvent), data: parsed.data, traceparent: envelope.traceparent ?? ctx.state.traceparent }, logger);
      ctx.body = { status: 'SUCCESS' };
    } catch (err) {
      // Not an HTTP error: the event is fine, the handler failed, so Dapr should deliver it again.
      logger.warn({ err, topic, eventId: envelope.id }, 'dapr pubsub: handler failed, asking for redelivery');
      deadLetters.failed({ id: envelope.id }, safeErrorMessage(err));
      ctx.body = { status: 'RETRY' };
    }
  });

  return router;
}

import type { DaprClient } from '@dapr/dapr';
import { currentScope } from '../../context';
import type { AppId, Bindings, PubSub, Secrets } from '../port';

/** The part of the SDK's pub/sub client the adapter uses. */
export type DaprPubSubClient = Pick<DaprClient['pubsub'], 'publish'>;

/**
 * Publishes through Dapr with the CloudEvent envelope Dapr builds (rawPayload off). The envelope's id,
 * source, type and traceparent are set through Dapr's `cloudevent.*` metadata overrides, so a redelivered
 * event keeps its id and the envelope matches the embedded bus (source = app id, type = topic).
 */
export function createDaprPubSub(client: DaprPubSubClient, pubsubName: string, appId: AppId): PubSub {
  return {
    async publish(topic, data, options = {}) {
      const traceparent = options.traceparent ?? currentScope()?.traceparent;
      const metadata: Record<string, string> = {
        rawPayload: 'false',
        'cloudevent.source': appId,
        'cloudevent.type': topic,
        ...(options.id ? { 'cloudevent.id': options.id } : {}),
        ...(traceparent ? { 'cloudevent.traceparent': traceparent } : {}),
      };
      try {
        // Always JSON: the SDK would send a bare string as text/plain, which subscribers could not parse.
        await client.publish(pubsubName, topic, data as object, { contentType: 'application/json', metadata });
      } catch (err) {
        // The gRPC client rejects with `{ error }` rather than an Error.
        throw unwrap(err);
      }
    },
  };
}

/** The part of the SDK's secret client the adapter uses. */
export type DaprSecretClient = Pick<DaprClient['secret'], 'get'>;

/**
 * Secrets from the Dapr secret store; a secret the store does not have is `undefined` (the file store
 * answers an error naming it, the env store an empty value).
 */
export function createDaprSecrets(client: DaprSecretClient, storeName: string): Secrets {
  return {
    async get(name) {
      try {
        const secret = (await client.get(storeName, name)) as Record<string, string | undefined>;
        const value = secret[name] ?? Object.values(secret)[0];
        return value ? value : undefined;
      } catch (err) {
        // Anything but "no such secret" is a real failure (store down, access denied).
        if (/not found|does not exist|no such/i.test(String((err as Error).message))) return undefined;
        throw err;
      }
    },
  };
}

/** The part of the SDK's binding client the adapter uses. */
export type DaprBindingClient = Pick<DaprClient['binding'], 'send'>;

/** Output bindings through Dapr. */
export function createDaprBindings(client: DaprBindingClient): Bindings {
  return {
    async invoke(name, operation, data, metadata = {}) {
      await client.send(name, operation, data, metadata);
    },
  };
}

function unwrap(err: unknown): unknown {
  if (err && typeof err === 'object' && !(err instanceof Error) && 'error' in err) return (err as { error: unknown }).error;
  return err;
}

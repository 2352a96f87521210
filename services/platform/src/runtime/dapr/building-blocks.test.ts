import { createDaprBindings, createDaprPubSub, createDaprSecrets, type DaprPubSubClient, type DaprSecretClient } from './building-blocks';

describe('dapr pub/sub', () => {
  it('when an event is published, then its id, source, type and traceparent go in the CloudEvent overrides as JSON', async () => {
    const calls: Parameters<DaprPubSubClient['publish']>[] = [];
    const pubsub = createDaprPubSub({ publish: async (...args) => (calls.push(args), {}) }, 'pubsub', 'orders');

    await pubsub.publish('orders.order-placed', { orderId: 'o-1' }, { id: 'evt-1', traceparent: '00-abc-def-01' });

    expect(calls).toEqual([
      [
        'pubsub',
        'orders.order-placed',
        { orderId: 'o-1' },
        {
          contentType: 'application/json',
          metadata: {
            rawPayload: 'false',
            'cloudevent.source': 'orders',
            'cloudevent.type': 'orders.order-placed',
            'cloudevent.id': 'evt-1',
            'cloudevent.traceparent': '00-abc-def-01',
          },
        },
      ],
    ]);
  });

  it('when no id is given, then Dapr is left to generate one', async () => {
    const calls: Parameters<DaprPubSubClient['publish']>[] = [];
    const pubsub = createDaprPubSub({ publish: async (...args) => (calls.push(args), {}) }, 'pubsub', 'orders');

    await pubsub.publish('orders.order-placed', { orderId: 'o-1' });

    expect(calls[0]![3]!.metadata).not.toHaveProperty('cloudevent.id');
  });

  it('when the broker rejects, then publish rejects with the underlying Error, not the SDK wrapper object', async () => {
    const cause = new Error('kafka: client has run out of available brokers');
    const pubsub = createDaprPubSub({ publish: async () => Promise.reject({ error: cause }) }, 'pubsub', 'orders');

    await expect(pubsub.publish('t', {})).rejects.toBe(cause);
  });
});

describe('dapr secrets', () => {
  const store = (impl: DaprSecretClient['get']) => createDaprSecrets({ get: impl }, 'secretstore');

  it('when the store has the secret, then its value is returned', async () => {
    await expect(store(async (_s, key) => ({ [key]: 'pem' })).get('jwt-signing-key')).resolves.toBe('pem');
  });

  it('when the env store answers an empty value, then the secret is missing', async () => {
    await expect(store(async (_s, key) => ({ [key]: '' })).get('jwt-signing-key')).resolves.toBeUndefined();
  });

  it('when the file store answers "not found", then the secret is missing', async () => {
    await expect(store(async () => Promise.reject(new Error('secret jwt-signing-key not found'))).get('jwt-signing-key')).resolves.toBeUndefined();
  });

  it('when the store fails otherwise, then the error propagates', async () => {
    await expect(store(async () => Promise.reject(new Error('permission denied'))).get('x')).rejects.toThrow('permission denied');
  });
});

describe('dapr bindings', () => {
  it('when a binding is invoked, then name, operation, data and metadata reach the sidecar', async () => {
    const send = jest.fn(async () => ({}));
    await createDaprBindings({ send }).invoke('email', 'create', 'Hello', { emailTo: 'a@example.com' });

    expect(send).toHaveBeenCalledWith('email', 'create', 'Hello', { emailTo: 'a@example.com' });
  });
});

import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, client } from '../api';
import { useNotificationsStore } from './notifications';

/** Stands in for the browser's EventSource: the test dispatches what the server would send. */
class FakeEventSource extends EventTarget {
  static last: FakeEventSource | undefined;
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeEventSource.last = this;
  }
  close() {
    this.closed = true;
  }
  send(data: unknown) {
    this.dispatchEvent(new MessageEvent('notification', { data: JSON.stringify(data) }));
  }
}

const notification = (id: string, orderId: string) => ({
  id,
  userId: '1d000000-0000-4000-8000-000000000001',
  kind: 'order-confirmed',
  title: 'Order confirmed',
  body: 'Your order is confirmed.',
  data: { orderId },
  createdAt: '2026-11-25T10:00:00.000Z',
  readAt: null,
});

describe('useNotificationsStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.spyOn(client, 'accessToken').mockResolvedValue('token-1');
    vi.spyOn(api.notifications, 'list').mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 20, unreadCount: 0 });
  });

  it('when the stream sends a notification, then the bell counts it once and listeners hear about it', async () => {
    const store = useNotificationsStore();
    store.useFactory((url) => new FakeEventSource(url) as unknown as EventSource);
    const heard: string[] = [];
    store.onNotification((n) => heard.push(String(n.data.orderId)));

    await store.connect();
    const stream = FakeEventSource.last!;
    stream.send(notification('aa000000-0000-4000-8000-000000000001', 'order-1'));
    stream.send(notification('aa000000-0000-4000-8000-000000000001', 'order-1'));

    expect(stream.url).toBe('/api/v1/notifications/stream?access_token=token-1');
    expect(store.unread).toBe(1);
    expect(store.items).toHaveLength(1);
    expect(heard).toEqual(['order-1']);
  });

  it('when the stream drops, then it reconnects with a fresh token instead of retrying the stale URL', async () => {
    vi.useFakeTimers();
    try {
      const store = useNotificationsStore();
      store.useFactory((url) => new FakeEventSource(url) as unknown as EventSource);
      await store.connect();
      const first = FakeEventSource.last!;
      vi.mocked(client.accessToken).mockResolvedValue('token-2');

      first.dispatchEvent(new Event('error'));
      await vi.advanceTimersByTimeAsync(3000);

      expect(first.closed).toBe(true);
      expect(FakeEventSource.last!.url).toContain('access_token=token-2');
    } finally {
      vi.useRealTimers();
    }
  });
});

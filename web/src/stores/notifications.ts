import { Notification } from '@shopmesh/contracts';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { api, client } from '../api';

type Listener = (n: Notification) => void;

/** Factory for the stream, replaced in tests. */
export type EventSourceFactory = (url: string) => EventSource;

const RECONNECT_MS = 3000;

/**
 * The bell: the last notifications, fed live by the SSE stream. EventSource cannot send headers, so the
 * access token travels as `?access_token=` (the gateway moves it into the Authorization header), and
 * each reconnect asks the client for a fresh token instead of letting the browser retry a stale URL.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<Notification[]>([]);
  const unread = ref(0);
  const live = ref(false);
  const listeners = new Set<Listener>();
  const source = shallowRef<EventSource>();
  let reconnect: ReturnType<typeof setTimeout> | undefined;
  let factory: EventSourceFactory = (url) => new EventSource(url);

  const hasUnread = computed(() => unread.value > 0);

  function receive(n: Notification) {
    if (items.value.some((i) => i.id === n.id)) return;
    items.value = [n, ...items.value].slice(0, 20);
    if (!n.readAt) unread.value += 1;
    for (const listener of listeners) listener(n);
  }

  async function connect() {
    disconnect();
    const token = await client.accessToken();
    if (!token) return;
    api.notifications
      .list()
      .then((page) => {
        items.value = page.items;
        unread.value = page.unreadCount;
      })
      .catch(() => undefined);
    const es = factory(client.url('/notifications/stream', { access_token: token }));
    source.value = es;
    es.addEventListener('open', () => (live.value = true));
    es.addEventListener('notification', (event) => {
      const parsed = Notification.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (parsed.success) receive(parsed.data);
    });
    es.addEventListener('error', () => {
      live.value = false;
      es.close();
      if (source.value === es) reconnect = setTimeout(() => void connect(), RECONNECT_MS);
    });
  }

  function disconnect() {
    clearTimeout(reconnect);
    source.value?.close();
    source.value = undefined;
    live.value = false;
  }

  async function markRead(id: string) {
    const n = items.value.find((i) => i.id === id);
    if (!n || n.readAt) return;
    await api.notifications.markRead(id);
    items.value = items.value.map((i) => (i.id === id ? { ...i, readAt: new Date().toISOString() } : i));
    unread.value = Math.max(0, unread.value - 1);
  }

  /** Calls `listener` for every notification that arrives; returns the unsubscribe. */
  function onNotification(listener: Listener): () => void {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }

  function useFactory(f: EventSourceFactory) {
    factory = f;
  }

  function reset() {
    disconnect();
    items.value = [];
    unread.value = 0;
  }

  return { items, unread, hasUnread, live, connect, disconnect, markRead, onNotification, receive, useFactory, reset };
});

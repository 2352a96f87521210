import type { Order } from '@shopmesh/contracts';
import { computed, onBeforeUnmount, onMounted, type Ref } from 'vue';
import { api } from '../api';
import { useNotificationsStore } from '../stores/notifications';
import { useAsync } from './useAsync';

/** How often a running checkout is re-read: its steps are not all announced as notifications. */
const POLL_MS = 1000;

/**
 * An order that stays current while the checkout saga runs: re-read every second while it is PENDING,
 * and at once whenever a notification about it arrives over SSE (confirmed, cancelled, shipped).
 */
export function useOrderLive(id: Ref<string>) {
  const state = useAsync<Order>(() => api.orders.get(id.value), { source: id });
  const notifications = useNotificationsStore();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const awaitingApproval = computed(() => {
    const order = state.data.value;
    if (!order || order.status !== 'PENDING') return false;
    const last = order.timeline[order.timeline.length - 1];
    return last?.outcome === 'waiting';
  });

  const schedule = () => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(async () => {
      if (state.data.value?.status === 'PENDING' || state.error.value?.retryable) await state.reload();
      schedule();
    }, POLL_MS);
  };

  let unsubscribe: () => void = () => undefined;
  onMounted(() => {
    schedule();
    unsubscribe = notifications.onNotification((n) => {
      if (n.data.orderId === id.value) void state.reload();
    });
  });
  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  });

  return { order: state.data, error: state.error, isLoading: state.isLoading, reload: state.reload, awaitingApproval };
}

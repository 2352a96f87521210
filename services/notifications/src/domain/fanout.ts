import { EventEmitter } from 'node:events';
import type { NotificationRow } from '../db/notification.entity';

/**
 * Hands notifications stored by this process to the SSE streams of their user in this process. Event
 * handlers publish after their transaction commits, so a stream never shows a row that rolled back.
 */
export class NotificationFanout {
  private readonly emitter = new EventEmitter();
  private listeners = 0;

  constructor() {
    // One listener per open stream; many are expected, so Node's leak warning does not apply.
    this.emitter.setMaxListeners(0);
  }

  publish(notification: NotificationRow): void {
    this.emitter.emit(notification.userId, notification);
  }

  /** Calls `listener` with each new notification of the user; returns the unsubscribe function. */
  subscribe(userId: string, listener: (notification: NotificationRow) => void): () => void {
    this.emitter.on(userId, listener);
    this.listeners++;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.emitter.off(userId, listener);
      this.listeners--;
    };
  }

  /** Open subscriptions, for the streams gauge. */
  get size(): number {
    return this.listeners;
  }
}

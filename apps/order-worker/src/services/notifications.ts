import { randomUUID } from 'node:crypto';
import { nowIso, type OrderDb } from './database';

export type NotificationKind = 'order_confirmation' | 'order_retraction';

export interface Notification {
  notificationId: string;
  orderId: string;
  kind: NotificationKind;
  recipient: string;
}

/** Customer notifications (the "email provider"), at most one of each kind per order. */
export class NotificationService {
  constructor(private readonly db: OrderDb) {}

  /** Records the notification, or returns this order's existing one of that kind (a retry sends nothing). */
  send(orderId: string, kind: NotificationKind, recipient: string, body: unknown): { notification: Notification; sent: boolean } {
    return this.db.transaction(() => {
      const existing = this.find(orderId, kind);
      if (existing) return { notification: existing, sent: false };
      const notificationId = `ntf_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      this.db
        .prepare('INSERT INTO notifications (notification_id, order_id, kind, recipient, body_json, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(notificationId, orderId, kind, recipient, JSON.stringify(body), nowIso());
      return { notification: { notificationId, orderId, kind, recipient }, sent: true };
    }).immediate();
  }

  find(orderId: string, kind: NotificationKind): Notification | undefined {
    return this.db
      .prepare<[string, string], Notification>('SELECT notification_id AS notificationId, order_id AS orderId, kind, recipient FROM notifications WHERE order_id = ? AND kind = ?')
      .get(orderId, kind);
  }

  /** Notifications of an order, of any kind. */
  count(orderId: string): number {
    return this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM notifications WHERE order_id = ?').get(orderId)?.n ?? 0;
  }
}

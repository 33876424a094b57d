import { randomUUID } from 'node:crypto';
import { nowIso, type OrderStore, type Queryable } from './store';

export type NotificationKind = 'order_confirmation' | 'order_retraction';

export interface Notification {
  notificationId: string;
  orderId: string;
  kind: NotificationKind;
  recipient: string;
}

/** Customer notifications (the "email provider"), at most one of each kind per order. */
export class NotificationService {
  constructor(private readonly store: OrderStore) {}

  /** Records the notification, or returns this order's existing one of that kind (a retry sends nothing). */
  send(orderId: string, kind: NotificationKind, recipient: string, body: unknown): Promise<{ notification: Notification; sent: boolean }> {
    return this.store.transaction(async (tx) => {
      await tx.lockOrder(orderId);
      const existing = await findNotification(tx, orderId, kind);
      if (existing) return { notification: existing, sent: false };
      const notificationId = `ntf_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      await tx.run('INSERT INTO notifications (notification_id, order_id, kind, recipient, body_json, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        notificationId,
        orderId,
        kind,
        recipient,
        JSON.stringify(body),
        nowIso(),
      ]);
      return { notification: { notificationId, orderId, kind, recipient }, sent: true };
    });
  }

  find(orderId: string, kind: NotificationKind): Promise<Notification | undefined> {
    return findNotification(this.store, orderId, kind);
  }

  /** Notifications of an order, of any kind. */
  async count(orderId: string): Promise<number> {
    return (await this.store.get<{ n: number }>('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM notifications WHERE order_id = ?', [orderId]))?.n ?? 0;
  }
}

function findNotification(db: Queryable, orderId: string, kind: NotificationKind): Promise<Notification | undefined> {
  return db.get<Notification>(
    'SELECT notification_id AS "notificationId", order_id AS "orderId", kind, recipient FROM notifications WHERE order_id = ? AND kind = ?',
    [orderId, kind],
  );
}

import { log } from '@temporalio/activity';
import type { NotificationService } from '../services/notifications';

export interface SendOrderConfirmationInput {
  orderId: string;
  customerId: string;
  totalAmount: number;
  paymentId: string;
}

export interface SendOrderRetractionInput {
  orderId: string;
  customerId: string;
  /** Why the order was undone, as the customer reads it. */
  reason: string;
}

export function createNotificationActivities(notifications: NotificationService) {
  return {
    /** Confirms the paid order to the customer; idempotent per order (one row in `notifications`). */
    async sendOrderConfirmation({ orderId, customerId, totalAmount, paymentId }: SendOrderConfirmationInput): Promise<{ notificationId: string; sent: boolean }> {
      const { notification, sent } = await notifications.send(orderId, 'order_confirmation', customerId, { orderId, totalAmount, paymentId });
      log.info(sent ? 'Order confirmation sent' : 'Order confirmation already sent', { orderId, notificationId: notification.notificationId });
      return { notificationId: notification.notificationId, sent };
    },

    /** Tells the customer that a confirmed order was undone; idempotent per order. */
    async sendOrderRetraction({ orderId, customerId, reason }: SendOrderRetractionInput): Promise<{ notificationId: string; sent: boolean }> {
      const { notification, sent } = await notifications.send(orderId, 'order_retraction', customerId, { orderId, reason });
      log.info(sent ? 'Order retraction sent' : 'Order retraction already sent', { orderId, notificationId: notification.notificationId });
      return { notificationId: notification.notificationId, sent };
    },
  };
}

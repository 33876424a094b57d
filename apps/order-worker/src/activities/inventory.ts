import { log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import type { OrderItem } from '@temporal-ecommerce/contracts/order';
import type { InventoryService } from '../services/inventory';

export interface ReserveInventoryInput {
  orderId: string;
  items: OrderItem[];
}

export function createInventoryActivities(inventory: InventoryService) {
  return {
    /** Holds stock for every item; idempotent per order. */
    async reserveInventory({ orderId, items }: ReserveInventoryInput): Promise<{ reservationId: string }> {
      const reservation = inventory.reserve(
        orderId,
        items.map((i) => ({ productId: i.productId, quantity: i.quantity })),
      );
      if (reservation.status === 'released') {
        // Only a stale attempt after compensation gets here; the tombstone keeps it from holding stock.
        throw ApplicationFailure.create({ type: ErrorType.InvalidState, message: `Reservation for ${orderId} was already released`, nonRetryable: true });
      }
      log.info('Inventory reserved', { orderId, reservationId: reservation.reservationId });
      return { reservationId: reservation.reservationId };
    },

    /** Compensation: returns the stock; a no-op when nothing was reserved. */
    async releaseInventory({ orderId }: { orderId: string }): Promise<{ released: boolean; reservationId: string }> {
      const result = inventory.release(orderId);
      log.info('Inventory released', { orderId, ...result });
      return result;
    },
  };
}

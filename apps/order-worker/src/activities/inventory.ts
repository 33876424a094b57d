import { log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import type { OrderItem } from '@temporal-ecommerce/contracts/order';
import type { InventoryService } from '../services/inventory';

export interface ReserveInventoryInput {
  orderId: string;
  items: OrderItem[];
  /** The total the client expects, if it sent one: must equal the catalog total. */
  totalAmount?: number;
}

export interface ReserveInventoryResult {
  reservationId: string;
  /** The items at the catalog prices locked with the reservation. */
  items: OrderItem[];
  /** The catalog total locked with the reservation: what the order is charged. */
  totalAmount: number;
}

export function createInventoryActivities(inventory: InventoryService) {
  return {
    /**
     * Holds stock for every item at the catalog's prices, read in the same transaction; idempotent per
     * order. UnknownProduct, PriceChanged and OutOfStock are non-retryable and reserve nothing.
     */
    async reserveInventory({ orderId, items, totalAmount }: ReserveInventoryInput): Promise<ReserveInventoryResult> {
      const reservation = await inventory.reserve(
        orderId,
        items.map((i) => ({ productId: i.productId, quantity: i.quantity, ...(i.price !== undefined ? { price: i.price } : {}) })),
        totalAmount,
      );
      if (reservation.status === 'released') {
        // Only a stale attempt after compensation gets here; the tombstone keeps it from holding stock.
        throw ApplicationFailure.create({ type: ErrorType.InvalidState, message: `Reservation for ${orderId} was already released`, nonRetryable: true });
      }
      log.info('Inventory reserved', { orderId, reservationId: reservation.reservationId, totalCents: reservation.totalCents });
      const price = new Map(reservation.items.map((l) => [l.productId, l.unitPriceCents / 100]));
      return {
        reservationId: reservation.reservationId,
        items: items.map((i) => ({ ...i, price: price.get(i.productId) ?? 0 })),
        totalAmount: reservation.totalCents / 100,
      };
    },

    /** Compensation: returns the stock; a no-op when nothing was reserved. */
    async releaseInventory({ orderId }: { orderId: string }): Promise<{ released: boolean; reservationId: string }> {
      const result = await inventory.release(orderId);
      log.info('Inventory released', { orderId, ...result });
      return result;
    },
  };
}

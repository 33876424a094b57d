import { randomBytes, randomUUID } from 'node:crypto';
import type { ChaosSabotage } from '@temporal-ecommerce/contracts/order';
import { nowIso, type OrderStore, type Queryable } from './store';

export interface Shipment {
  shipmentId: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  status: 'created' | 'cancelled';
}

export const DEFAULT_CARRIER = 'DemoExpress';

/** Shipments with carrier and tracking number, one per order. */
export class ShipmentService {
  constructor(
    private readonly store: OrderStore,
    private readonly sabotage?: ChaosSabotage,
  ) {}

  /** Books a shipment, or returns this order's existing one (a cancelled one stays cancelled). */
  create(orderId: string, address: unknown, carrier = DEFAULT_CARRIER): Promise<Shipment> {
    return this.store.transaction(async (tx): Promise<Shipment> => {
      await tx.lockOrder(orderId);
      const existing = await findShipment(tx, orderId);
      if (existing) return existing;
      const shipmentId = `shp_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const trackingNumber = `1Z${randomBytes(8).toString('hex').toUpperCase()}`;
      const now = nowIso();
      await tx.run(
        'INSERT INTO shipments (shipment_id, order_id, carrier, tracking_number, status, address_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [shipmentId, orderId, carrier, trackingNumber, 'created', address === undefined ? null : JSON.stringify(address), now, now],
      );
      return { shipmentId, orderId, carrier, trackingNumber, status: 'created' };
    });
  }

  /**
   * Cancels the order's shipment (a return once it left). Idempotent; with no shipment it records a
   * cancelled tombstone so a zombie create attempt ships nothing. Returns whether a shipment was cancelled.
   */
  cancel(orderId: string): Promise<{ cancelled: boolean; shipmentId: string }> {
    return this.store.transaction(async (tx) => {
      await tx.lockOrder(orderId);
      const existing = await findShipment(tx, orderId);
      const now = nowIso();
      if (!existing) {
        const shipmentId = `shp_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
        await tx.run('INSERT INTO shipments (shipment_id, order_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)', [shipmentId, orderId, 'cancelled', now, now]);
        return { cancelled: false, shipmentId };
      }
      if (existing.status === 'cancelled') return { cancelled: false, shipmentId: existing.shipmentId };
      // CHAOS_SABOTAGE=shipments: reported cancelled, still on its way.
      if (this.sabotage === 'shipments') return { cancelled: true, shipmentId: existing.shipmentId };
      await tx.run("UPDATE shipments SET status = 'cancelled', updated_at = ? WHERE shipment_id = ?", [now, existing.shipmentId]);
      return { cancelled: true, shipmentId: existing.shipmentId };
    });
  }

  find(orderId: string): Promise<Shipment | undefined> {
    return findShipment(this.store, orderId);
  }

  /** Shipments of an order that are live (not cancelled): 0 or 1. */
  async activeCount(orderId: string): Promise<number> {
    const row = await this.store.get<{ n: number }>("SELECT CAST(COUNT(*) AS INTEGER) AS n FROM shipments WHERE order_id = ? AND status = 'created'", [orderId]);
    return row?.n ?? 0;
  }
}

function findShipment(db: Queryable, orderId: string): Promise<Shipment | undefined> {
  return db.get<Shipment>(
    `SELECT shipment_id AS "shipmentId", order_id AS "orderId", COALESCE(carrier, '') AS carrier, COALESCE(tracking_number, '') AS "trackingNumber", status
       FROM shipments WHERE order_id = ?`,
    [orderId],
  );
}

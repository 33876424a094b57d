import { randomBytes, randomUUID } from 'node:crypto';
import type { ChaosSabotage } from '@temporal-ecommerce/contracts/order';
import { nowIso, type OrderDb } from './database';

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
    private readonly db: OrderDb,
    private readonly sabotage?: ChaosSabotage,
  ) {}

  /** Books a shipment, or returns this order's existing one (a cancelled one stays cancelled). */
  create(orderId: string, address: unknown, carrier = DEFAULT_CARRIER): Shipment {
    return this.db.transaction((): Shipment => {
      const existing = this.find(orderId);
      if (existing) return existing;
      const shipmentId = `shp_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const trackingNumber = `1Z${randomBytes(8).toString('hex').toUpperCase()}`;
      const now = nowIso();
      this.db
        .prepare('INSERT INTO shipments (shipment_id, order_id, carrier, tracking_number, status, address_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(shipmentId, orderId, carrier, trackingNumber, 'created', address === undefined ? null : JSON.stringify(address), now, now);
      return { shipmentId, orderId, carrier, trackingNumber, status: 'created' };
    }).immediate();
  }

  /**
   * Cancels the order's shipment (a return once it left). Idempotent; with no shipment it records a
   * cancelled tombstone so a zombie create attempt ships nothing. Returns whether a shipment was cancelled.
   */
  cancel(orderId: string): { cancelled: boolean; shipmentId: string } {
    return this.db.transaction(() => {
      const existing = this.find(orderId);
      const now = nowIso();
      if (!existing) {
        const shipmentId = `shp_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
        this.db.prepare('INSERT INTO shipments (shipment_id, order_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(shipmentId, orderId, 'cancelled', now, now);
        return { cancelled: false, shipmentId };
      }
      if (existing.status === 'cancelled') return { cancelled: false, shipmentId: existing.shipmentId };
      // CHAOS_SABOTAGE=shipments: reported cancelled, still on its way.
      if (this.sabotage === 'shipments') return { cancelled: true, shipmentId: existing.shipmentId };
      this.db.prepare("UPDATE shipments SET status = 'cancelled', updated_at = ? WHERE shipment_id = ?").run(now, existing.shipmentId);
      return { cancelled: true, shipmentId: existing.shipmentId };
    }).immediate();
  }

  find(orderId: string): Shipment | undefined {
    return this.db
      .prepare<[string], Shipment>(
        "SELECT shipment_id AS shipmentId, order_id AS orderId, COALESCE(carrier, '') AS carrier, COALESCE(tracking_number, '') AS trackingNumber, status FROM shipments WHERE order_id = ?",
      )
      .get(orderId);
  }

  /** Shipments of an order that are live (not cancelled): 0 or 1. */
  activeCount(orderId: string): number {
    const row = this.db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM shipments WHERE order_id = ? AND status = 'created'").get(orderId);
    return row?.n ?? 0;
  }
}

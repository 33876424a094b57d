import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openOrderDb, type OrderDb } from '../../src/services/database';
import { InventoryService } from '../../src/services/inventory';
import { PaymentService } from '../../src/services/payments';

/** A fresh orders.db in a temporary folder; `close()` removes it. */
export function tempOrderDb(): { db: OrderDb; dir: string; close: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'order-worker-'));
  const db = openOrderDb(dir);
  return {
    db,
    dir,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stock on hand plus reserved, per product: must never change, whatever happened to the orders. */
export function stockTotals(db: OrderDb): Record<string, number> {
  return Object.fromEntries(new InventoryService(db).stock().map((s) => [s.productId, s.onHand + s.reserved]));
}

export function netCharged(db: OrderDb, orderId: string): number {
  return new PaymentService(db).netChargedCents(orderId) / 100;
}

export function chargeCount(db: OrderDb, orderId: string): number {
  return new PaymentService(db).chargeCount(orderId);
}

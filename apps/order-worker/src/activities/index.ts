import type { OrderStore } from '../services/store';
import { InventoryService } from '../services/inventory';
import { NotificationService } from '../services/notifications';
import { PaymentService } from '../services/payments';
import { ShipmentService } from '../services/shipments';
import { NO_FAULTS, type FaultConfig } from './faults';
import { createInventoryActivities } from './inventory';
import { createNotificationActivities } from './notifications';
import { createPaymentActivities } from './payments';
import { createShipmentActivities } from './shipments';

export interface OrderActivityDeps {
  /** SQLite or PostgreSQL (services/database.ts): the services are the same on either. */
  db: OrderStore;
  faults?: Partial<FaultConfig>;
  /** Source of randomness for the failure-rate fault (tests make it deterministic). */
  random?: () => number;
  /** Carrier new shipments are booked with (ORDER_SHIPPING_CARRIER); default DEFAULT_CARRIER. */
  carrier?: string;
}

/** Every activity of the order worker, bound to its services. */
export function createActivities({ db, faults: partialFaults, random, carrier }: OrderActivityDeps) {
  const faults: FaultConfig = { ...NO_FAULTS, ...partialFaults };
  return {
    ...createInventoryActivities(new InventoryService(db, faults.sabotage)),
    ...createPaymentActivities(new PaymentService(db, faults.declinedCustomers, faults.sabotage), faults, random),
    ...createShipmentActivities(new ShipmentService(db, faults.sabotage), faults, carrier),
    ...createNotificationActivities(new NotificationService(db)),
  };
}

export type OrderActivities = ReturnType<typeof createActivities>;
export type { FaultConfig } from './faults';
export { NO_FAULTS } from './faults';

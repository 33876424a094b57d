import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import type { ShippingAddress } from '@temporal-ecommerce/contracts/order';
import type { ShipmentService } from '../services/shipments';
import type { FaultConfig } from './faults';

export interface CreateShipmentInput {
  orderId: string;
  shippingAddress?: ShippingAddress;
}

/** `carrier`: who this build books shipments with (ORDER_SHIPPING_CARRIER); the service's default otherwise. */
export function createShipmentActivities(shipments: ShipmentService, faults: FaultConfig, carrier?: string) {
  return {
    /** Books the shipment with the carrier; idempotent per order. */
    async createShipment({ orderId, shippingAddress }: CreateShipmentInput): Promise<{ shipmentId: string; carrier: string; trackingNumber: string }> {
      if (faults.carrier === 'reject') {
        throw ApplicationFailure.create({ type: ErrorType.ShipmentFailed, message: `Carrier rejected the shipment of ${orderId} (injected fault)`, nonRetryable: true });
      }
      if (faults.carrier === 'unavailable') {
        throw new Error(`Carrier unavailable (injected fault, attempt ${Context.current().info.attempt})`);
      }
      const shipment = await shipments.create(orderId, shippingAddress, carrier);
      if (shipment.status !== 'created') {
        throw ApplicationFailure.create({ type: ErrorType.InvalidState, message: `Shipment for ${orderId} was already cancelled`, nonRetryable: true });
      }
      log.info('Shipment created', { orderId, shipmentId: shipment.shipmentId, trackingNumber: shipment.trackingNumber });
      return { shipmentId: shipment.shipmentId, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber };
    },

    /** Compensation: cancels the shipment (a return once shipped); a no-op when none exists. */
    async cancelShipment({ orderId }: { orderId: string }): Promise<{ cancelled: boolean; shipmentId: string }> {
      const result = await shipments.cancel(orderId);
      log.info('Shipment cancelled', { orderId, ...result });
      return result;
    },
  };
}

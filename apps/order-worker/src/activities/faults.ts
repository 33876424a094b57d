import type { ChaosSabotage } from '@temporal-ecommerce/contracts/order';

/**
 * Failures injected into the activities for demos and tests. All off by default; the worker reads them
 * from ORDER_FAULT_* and CHAOS_SABOTAGE (env.ts), tests pass them to createActivities directly.
 */
export interface FaultConfig {
  /** Probability (0..1) that a payment attempt fails transiently before charging. */
  paymentFailureRate: number;
  /**
   * The first N attempts of each charge commit the charge and then fail transiently, as if the gateway's
   * response was lost: the case where only idempotency prevents a double charge.
   */
  paymentLostResponses: number;
  /** After charging, the payment activity keeps working (heartbeating) this long before it returns. */
  paymentDelayMs: number;
  /** Customers whose card is declined (non-retryable). */
  declinedCustomers: string[];
  /** ok; reject: the carrier refuses the shipment (non-retryable); unavailable: every attempt fails transiently. */
  carrier: 'ok' | 'reject' | 'unavailable';
  /** Breaks one guarantee on purpose (CHAOS_SABOTAGES in contracts), so a chaos check is seen to fail. */
  sabotage?: ChaosSabotage;
}

export const NO_FAULTS: FaultConfig = {
  paymentFailureRate: 0,
  paymentLostResponses: 0,
  paymentDelayMs: 0,
  declinedCustomers: [],
  carrier: 'ok',
};

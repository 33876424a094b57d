import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { toCents } from '@temporal-ecommerce/contracts/order';
import type { PaymentService } from '../services/payments';
import type { FaultConfig } from './faults';

export interface ProcessPaymentInput {
  orderId: string;
  customerId: string;
  amount: number;
}

export function createPaymentActivities(payments: PaymentService, faults: FaultConfig, random: () => number = Math.random) {
  return {
    /** Charges the order total once, however often it is retried. */
    async processPayment({ orderId, customerId, amount }: ProcessPaymentInput): Promise<{ paymentId: string; amount: number }> {
      const { attempt } = Context.current().info;
      if (faults.paymentFailureRate > 0 && random() < faults.paymentFailureRate) {
        throw new Error(`Payment gateway unavailable (injected fault, attempt ${attempt})`);
      }
      const payment = await payments.charge(orderId, customerId, toCents(amount), attempt);
      if (payment.status !== 'captured') {
        throw ApplicationFailure.create({ type: ErrorType.InvalidState, message: `Payment for ${orderId} was already ${payment.status}`, nonRetryable: true });
      }
      if (attempt <= faults.paymentLostResponses) {
        throw new Error(`Payment gateway timed out after charging (injected fault, attempt ${attempt})`);
      }
      if (faults.paymentDelayMs > 0) await workSlowly(faults.paymentDelayMs);
      log.info('Payment captured', { orderId, paymentId: payment.paymentId, amount });
      return { paymentId: payment.paymentId, amount: payment.amountCents / 100 };
    },

    /** Compensation: refunds in full; a no-op when nothing was charged. */
    async refundPayment({ orderId }: { orderId: string }): Promise<{ refunded: boolean; paymentId: string; amount: number }> {
      const result = await payments.refund(orderId);
      log.info('Payment refunded', { orderId, paymentId: result.paymentId, refunded: result.refunded });
      return { refunded: result.refunded, paymentId: result.paymentId, amount: result.amountCents / 100 };
    },
  };
}

/** A slow gateway: heartbeats so that a killed worker's attempt is retried after the heartbeat timeout. */
async function workSlowly(ms: number): Promise<void> {
  const ctx = Context.current();
  const step = 500;
  for (let waited = 0; waited < ms; waited += step) {
    ctx.heartbeat({ waited });
    await ctx.sleep(Math.min(step, ms - waited));
  }
}

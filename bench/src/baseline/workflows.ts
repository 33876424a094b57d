import { proxyActivities } from '@temporalio/workflow';
import type * as activities from './activities';

const { noopReserve, noopCharge, noopShip } = proxyActivities<typeof activities>({ startToCloseTimeout: '30 seconds' });

/** The saga's shape without its business: three activities in a row, no compensation, no timer. */
export async function baselineWorkflow(input: unknown): Promise<string> {
  await noopReserve(input);
  await noopCharge(input);
  await noopShip(input);
  return 'done';
}

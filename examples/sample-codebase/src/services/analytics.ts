import { log } from '../lib/logger';

export interface AnalyticsEvent {
  name: string;
  userId?: number;
  props?: any;
}

export type Sender = (event: AnalyticsEvent) => Promise<void>;

const queue: AnalyticsEvent[] = [];

export function track(event: AnalyticsEvent): void {
  queue.push(event);
}

export async function flush(send: Sender): Promise<number> {
  let sent = 0;
  for (const event of queue) {
    await send(event);
    sent++;
  }
  console.log('flushed ' + sent + ' analytics events');
  log('info', 'analytics flushed', { sent });
  queue.length = 0;
  return sent;
}

export function pending(): number {
  return queue.length;
}

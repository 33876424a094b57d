import type { WorkflowHandle } from '@temporalio/client';

export interface TimedEvent {
  kind: 'activityCompleted' | 'workflowTaskCompleted' | 'other';
  at: number;
}

/** The workflow's history as (kind, server time in ms) pairs: server and bench share this machine's clock. */
export async function timedEvents(handle: WorkflowHandle): Promise<TimedEvent[]> {
  const { events } = await handle.fetchHistory();
  return (events ?? []).map((e) => {
    const at = Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6);
    const kind = e.activityTaskCompletedEventAttributes ? 'activityCompleted' : e.workflowTaskCompletedEventAttributes ? 'workflowTaskCompleted' : 'other';
    return { kind, at };
  });
}

/**
 * When the workflow next made progress after `since`: the first activity completed after it, and the
 * first workflow task completed after that activity (the workflow recorded the result: a query now
 * shows it). Undefined while that has not happened.
 */
export function progressAfter(events: TimedEvent[], since: number): { activityAt: number; recordedAt: number } | undefined {
  const activity = events.find((e) => e.kind === 'activityCompleted' && e.at >= since);
  if (!activity) return undefined;
  const recorded = events.find((e) => e.kind === 'workflowTaskCompleted' && e.at >= activity.at);
  return recorded ? { activityAt: activity.at, recordedAt: recorded.at } : undefined;
}

import type { WorkflowHandle } from '@temporalio/client';
import { TimeoutType, decodeTimeoutType } from '@temporalio/common';

export interface TimedEvent {
  /** workflowTaskTimedOut: schedule-to-start only (a task nobody picked up). */
  kind: 'activityCompleted' | 'workflowTaskScheduled' | 'workflowTaskTimedOut' | 'workflowTaskCompleted' | 'other';
  eventId: number;
  /** Server time in ms. */
  at: number;
  /** workflowTaskTimedOut: the WorkflowTaskScheduled event that timed out. */
  scheduledEventId?: number;
}

/** The workflow's history as timed events: server and bench share this machine's clock. */
export async function timedEvents(handle: WorkflowHandle): Promise<TimedEvent[]> {
  const { events } = await handle.fetchHistory();
  return (events ?? []).map((e) => {
    const at = Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6);
    const eventId = Number(e.eventId ?? 0);
    if (e.activityTaskCompletedEventAttributes) return { kind: 'activityCompleted', eventId, at };
    if (e.workflowTaskScheduledEventAttributes) return { kind: 'workflowTaskScheduled', eventId, at };
    const timedOut = e.workflowTaskTimedOutEventAttributes;
    if (timedOut && decodeTimeoutType(timedOut.timeoutType) === TimeoutType.SCHEDULE_TO_START) {
      return { kind: 'workflowTaskTimedOut', eventId, at, scheduledEventId: Number(timedOut.scheduledEventId ?? 0) };
    }
    if (e.workflowTaskCompletedEventAttributes) return { kind: 'workflowTaskCompleted', eventId, at };
    return { kind: 'other', eventId, at };
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

/**
 * Milliseconds that workflow tasks timing out in [since, until] had waited unpicked: the server's record
 * of a task left on a dead worker's sticky queue until the sticky schedule-to-start timeout moved it to
 * the normal queue. 0 when no task timed out.
 */
export function timedOutWaitBetween(events: TimedEvent[], since: number, until: number): number {
  const scheduledAt = new Map(events.filter((e) => e.kind === 'workflowTaskScheduled').map((e) => [e.eventId, e.at]));
  return events
    .filter((e) => e.kind === 'workflowTaskTimedOut' && e.at >= since && e.at <= until)
    .reduce((sum, e) => sum + e.at - (scheduledAt.get(e.scheduledEventId ?? -1) ?? e.at), 0);
}

/** What one run cost the server, counted from its history: the round trips the workflow's shape asks for. */
export interface HistoryShape {
  events: number;
  workflowTasks: number;
  activities: number;
  timers: number;
  upserts: number;
  markers: number;
  /** Nexus operations scheduled (the saga's charge and refund go to billing's endpoint). */
  nexusOperations: number;
}

export async function historyShape(handle: WorkflowHandle): Promise<HistoryShape> {
  const events = (await handle.fetchHistory()).events ?? [];
  const count = (has: (e: (typeof events)[number]) => unknown) => events.filter((e) => has(e)).length;
  return {
    events: events.length,
    workflowTasks: count((e) => e.workflowTaskCompletedEventAttributes),
    activities: count((e) => e.activityTaskScheduledEventAttributes),
    timers: count((e) => e.timerStartedEventAttributes),
    upserts: count((e) => e.upsertWorkflowSearchAttributesEventAttributes),
    markers: count((e) => e.markerRecordedEventAttributes),
    nexusOperations: count((e) => e.nexusOperationScheduledEventAttributes),
  };
}

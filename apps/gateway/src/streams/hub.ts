import type { FastifyBaseLogger } from 'fastify';

/** One reading of a workflow. `id` orders snapshots across gateway restarts (the SSE `id:` field). */
export interface Snapshot<T> {
  id: string;
  data: T;
  /** The workflow is over: listeners get this snapshot and then nothing more. */
  final: boolean;
}

export type Listener<T> = (snapshot: Snapshot<T>) => void;

interface Topic<T> {
  listeners: Set<Listener<T>>;
  current?: Snapshot<T>;
  currentJson?: string;
  /** Settles with the topic's first read: subscribers wait for it, so a first failure is their HTTP error. */
  first: Promise<void>;
  wake?: () => void;
}

/**
 * One poll loop per workflow, shared by all its listeners: N browsers watching one analysis cost one
 * query per interval, not N. A loop starts with its first listener and stops when the last one leaves
 * or the workflow is over. Listeners get a snapshot only when it differs from the one before.
 */
export class PollingHub<T> {
  private readonly topics = new Map<string, Topic<T>>();

  constructor(
    private readonly read: (key: string) => Promise<Snapshot<T>>,
    private readonly intervalMs: number,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** How many workflows have a poll loop now. */
  get activeLoops(): number {
    return this.topics.size;
  }

  /**
   * Adds `listener` to `key`'s loop (starting it if needed) and resolves once the listener has had the
   * current snapshot; rejects when the loop's first read fails (the workflow is unknown, no worker answers).
   * The returned function removes the listener.
   */
  async subscribe(key: string, listener: Listener<T>): Promise<() => void> {
    let topic: Topic<T> | undefined = this.topics.get(key);
    if (!topic) {
      let settle!: (err?: unknown) => void;
      const first = new Promise<void>((resolve, reject) => (settle = (err) => (err === undefined ? resolve() : reject(err))));
      first.catch(() => undefined); // awaited below; a loop nobody waits on must not reject unhandled
      topic = { listeners: new Set([listener]), first };
      this.topics.set(key, topic);
      void this.run(key, topic, settle);
    } else {
      topic.listeners.add(listener);
    }
    const unsubscribe = () => {
      topic.listeners.delete(listener);
      if (topic.listeners.size === 0) topic.wake?.();
    };
    if (topic.current) {
      listener(topic.current);
      return unsubscribe;
    }
    try {
      await topic.first;
    } catch (err) {
      unsubscribe();
      throw err;
    }
    return unsubscribe;
  }

  private async run(key: string, topic: Topic<T>, settleFirst: (err?: unknown) => void): Promise<void> {
    try {
      while (topic.listeners.size > 0) {
        let snapshot: Snapshot<T>;
        try {
          snapshot = await this.read(key);
        } catch (err) {
          if (!topic.current) {
            settleFirst(err);
            return;
          }
          // Keep the streams open: a worker restart or a server blip should not end them.
          this.log.warn({ err, key }, 'stream could not read the workflow; retrying');
          await this.sleep(topic);
          continue;
        }
        const json = JSON.stringify(snapshot.data);
        if (json !== topic.currentJson || snapshot.final) {
          topic.current = snapshot;
          topic.currentJson = json;
          for (const listener of [...topic.listeners]) listener(snapshot);
        }
        settleFirst();
        if (snapshot.final) return;
        await this.sleep(topic);
      }
    } finally {
      if (this.topics.get(key) === topic) this.topics.delete(key);
      settleFirst(new Error('no listener left'));
    }
  }

  /** Waits one interval, or less when the last listener leaves. */
  private sleep(topic: Topic<T>): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.intervalMs);
      function done() {
        clearTimeout(timer);
        topic.wake = undefined;
        resolve();
      }
      topic.wake = done;
    });
  }
}

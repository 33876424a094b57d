/**
 * The storage the order services run on: SQLite (one file, the default) or PostgreSQL (shared by replicas
 * on several hosts). The services write one SQL text for both, with `?` placeholders and the subset of SQL
 * the two engines agree on; this interface is the only thing that differs.
 */
export interface Queryable {
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface Tx extends Queryable {
  /**
   * Holds, until the transaction ends, a lock on everything of this order, so two replicas running the
   * same step (a retry racing a zombie attempt, a compensation racing its step) take turns. SQLite's
   * IMMEDIATE transaction already holds the one write lock; PostgreSQL takes an advisory lock on the id.
   */
  lockOrder(orderId: string): Promise<void>;
  /** Appended to a SELECT whose rows the transaction will update: ` FOR UPDATE` on PostgreSQL. */
  readonly forUpdate: string;
}

export type StoreKind = 'sqlite' | 'postgres';

export interface OrderStore extends Queryable {
  readonly kind: StoreKind;
  /**
   * Runs `fn` in one write transaction and commits, or rolls back if it throws. On PostgreSQL a
   * serialization failure or deadlock runs `fn` again, so `fn` must only touch the database.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const nowIso = (): string => new Date().toISOString();

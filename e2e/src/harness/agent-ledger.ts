import path from 'node:path';
import Database from 'better-sqlite3';

/** One execution event of the agent worker's file step, from its own ledger (analysis_ledger in agent.sqlite). */
export interface AgentLedgerRow {
  file: string;
  event: 'started' | 'completed';
  pid: number;
  attempt: number;
  /** Wall-clock ms when the worker wrote the row. */
  at: number;
}

/** The ledger rows of one analysis (store key: workflow id / first run id), oldest first; [] before the store exists. */
export function readAgentLedger(dataDir: string, storeKey: string): AgentLedgerRow[] {
  let db: Database.Database;
  try {
    db = new Database(path.join(dataDir, 'agent', 'agent.sqlite'), { readonly: true, fileMustExist: true });
  } catch {
    return [];
  }
  try {
    const rows = db.prepare('SELECT file, event, pid, attempt, at FROM analysis_ledger WHERE store_key = ? ORDER BY id').all(storeKey) as (Omit<AgentLedgerRow, 'at'> & { at: string })[];
    return rows.map((r) => ({ ...r, at: Date.parse(r.at) }));
  } finally {
    db.close();
  }
}

/** Files started again after an execution of theirs had completed: work a crash made us redo (should be none). */
export function completedFilesRerun(rows: readonly AgentLedgerRow[]): string[] {
  const done = new Set<string>();
  const rerun = new Set<string>();
  for (const r of rows) {
    if (r.event === 'completed') done.add(r.file);
    else if (done.has(r.file)) rerun.add(r.file);
  }
  return [...rerun];
}

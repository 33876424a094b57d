import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeMachine } from '@temporal-ecommerce/e2e/harness';

/** The goals of issue #12, in the order the table lists them. */
export const GOALS = [
  { id: 'saga-rate', goal: 'Order sagas completed per second (dev server, workers, 2 cores)', target: '≥ 25 /s' },
  { id: 'saga-ceiling', goal: 'Order sagas against the saga-shaped ceiling, same run', target: '≥ 0.90×' },
  { id: 'gateway-p50', goal: 'Gateway `POST /api/orders` p50 against a raw `client.workflow.start`', target: '≤ 1.05×' },
  { id: 'crash-progress', goal: 'SIGKILL → next progress recorded, after the new worker first polls', target: '≤ 3 s, 0 completed files re-run' },
  { id: 'idle-rss', goal: 'Idle RSS per worker process (each of the three)', target: '≤ 120 MiB' },
  { id: 'peak-rss', goal: 'Order worker peak RSS under saga load', target: '≤ 300 MiB' },
  { id: 'load-20', goal: '`pnpm load --rate 20 --duration 60s`: holds the rate, 0 errors, prints the summary', target: '20 /s, 0 errors' },
  { id: 'first-start', goal: 'First `pnpm start` to healthy (machine with Python)', target: '< 3 min' },
] as const;
export type GoalId = (typeof GOALS)[number]['id'];

/** One goal as a bench measured it. */
export interface GoalResult {
  id: GoalId;
  /** The measured value, with its spread or context. */
  value: string;
  met: boolean;
  /** When not met: the measured reason and what would move it. */
  reason?: string;
}

interface StoredGoal extends GoalResult {
  /** The bench block that measured it and when, with the load average. */
  source: string;
  measuredAt: string;
  load: number;
}

const GOALS_FILE = path.join(__dirname, '..', '..', 'results', 'goals.json');

function stored(): Partial<Record<GoalId, StoredGoal>> {
  return existsSync(GOALS_FILE) ? (JSON.parse(readFileSync(GOALS_FILE, 'utf8')) as Partial<Record<GoalId, StoredGoal>>) : {};
}

/**
 * Records a block's goal results in bench/results/goals.json (the other blocks' results stay: `pnpm bench
 * recovery` updates only its rows) and answers the markdown lines of the goals table.
 */
export function recordGoals(source: string, results: readonly GoalResult[]): string[] {
  const all = stored();
  const m = describeMachine();
  for (const r of results) all[r.id] = { ...r, source, measuredAt: new Date().toISOString(), load: m.loadAverage };
  mkdirSync(path.dirname(GOALS_FILE), { recursive: true });
  writeFileSync(GOALS_FILE, `${JSON.stringify(all, null, 2)}\n`);
  return goalsTable(all);
}

export function goalsTable(all: Partial<Record<GoalId, StoredGoal>> = stored()): string[] {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = GOALS.map(({ id, goal, target }) => {
    const r = all[id];
    if (!r) return `| ${goal} | ${target} | not measured yet | — | — | — |`;
    return `| ${goal} | ${target} | ${esc(r.value)} | ${r.met ? '**met**' : '**not met**'} | ${r.met ? '' : esc(r.reason ?? '')} | ${r.source}, ${r.measuredAt.slice(0, 16).replace('T', ' ')} UTC, load ${r.load.toFixed(1)} |`;
  });
  const met = GOALS.filter(({ id }) => all[id]?.met).length;
  return [
    `**${met} of ${GOALS.length} goals met.** Each row comes from the last run of the block named in its last column (\`pnpm bench <block>\` rewrites its own rows; bench/results/goals.json keeps them between runs).`,
    '',
    '| Goal | Target | Measured | Met | Why not, and what would move it | Measured by |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ];
}

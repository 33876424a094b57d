import { existsSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks (100 on every mainstream kernel build). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in ms; undefined once it is gone. */
export function cpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    // Fields after the command name (which may hold spaces, hence the last ')'): utime is 14th, stime 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process in bytes, from /proc; undefined once it is gone. */
export function rssBytes(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The dev server's pid, from the pid file infra's launcher writes next to its SQLite file. */
export function serverPid(dbFilename: string): number | undefined {
  const file = `${dbFilename}.pid`;
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
}

/** CPU ms each process spends while `work` runs. */
export async function cpuDuring<T>(pids: Record<string, number | undefined>, work: () => Promise<T>): Promise<{ result: T; cpu: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMs(pid) ?? 0]));
  const result = await work();
  const cpu = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, (cpuMs(pid) ?? 0) - before[k]!]));
  return { result, cpu };
}

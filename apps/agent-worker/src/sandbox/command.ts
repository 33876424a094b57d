import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';

/**
 * How a codebase's test command is confined, strongest first:
 * - `bwrap`: bubblewrap with every namespace unshared (user, pid, ipc, net, uts, mount, cgroup), the
 *   system directories read-only, the workspace read-write and no other host file; a fresh /proc.
 * - `unshare`: util-linux unshare with new pid, net, ipc, uts and mount namespaces (a fresh /proc);
 *   as root also a separate unprivileged uid; as another user a user namespace instead.
 * - `uid`: only a separate unprivileged uid (setpriv), as root, where namespaces are refused.
 * - `none`: the worker's uid. Every mode also gets the minimal environment, its own process group and
 *   the CPU, memory and wall-clock limits.
 */
export type SandboxMode = 'bwrap' | 'unshare' | 'uid' | 'none';
export const SANDBOX_MODES: readonly SandboxMode[] = ['bwrap', 'unshare', 'uid', 'none'];

export interface SandboxLimits {
  /** RLIMIT_CPU of every process in the run. */
  cpuSeconds: number;
  /** RLIMIT_AS (address space) of every process in the run. */
  memoryBytes: number;
  /** The whole process group is killed after this long. */
  wallClockMs: number;
}

export interface SandboxSpec {
  mode: SandboxMode;
  /** The unprivileged uid/gid for `uid` and (as root) `unshare`; inside bwrap's user namespace too. */
  uid: number;
  /** Whether the worker runs as root (decides how `unshare` drops privileges). */
  root: boolean;
  /** Read-only host paths the command needs besides the system directories (node's prefix, NODE_PATH). */
  readOnlyPaths: string[];
}

export interface SandboxRun {
  workspace: string;
  /** A private, empty directory used as HOME and TMPDIR (bwrap mounts a fresh tmpfs instead). */
  home: string;
  command: string;
  limits: SandboxLimits;
}

/** The environment of a sandboxed run: nothing of the worker's, so no credential can leak through it. */
export function sandboxEnv(home: string, nodePath: string | undefined): Record<string, string> {
  const nodeBin = dirname(process.execPath);
  return {
    PATH: [...new Set([nodeBin, '/usr/local/bin', '/usr/bin', '/bin'])].join(':'),
    HOME: home,
    TMPDIR: home,
    LANG: 'C.UTF-8',
    // Cleared: a worker started with --require or --inspect must not hand them to the analysed code.
    NODE_OPTIONS: '',
    CI: '1',
    ...(nodePath ? { NODE_PATH: nodePath } : {}),
  };
}

const SYSTEM_DIRS = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
/** What a dynamically linked binary and node need from /etc; never all of /etc (it holds credentials). */
const ETC_FILES = ['/etc/ld.so.cache', '/etc/ld.so.conf', '/etc/alternatives', '/etc/localtime', '/etc/nsswitch.conf', '/etc/passwd', '/etc/group'];

function bwrapArgs(spec: SandboxSpec, run: SandboxRun, env: Record<string, string>): string[] {
  const args = [
    '--unshare-all',
    // --unshare-all only tries the user namespace; without it a root worker's tests would keep root's capabilities.
    '--unshare-user',
    '--uid', String(spec.uid),
    '--gid', String(spec.uid),
    '--disable-userns',
    '--die-with-parent',
    '--new-session',
    '--cap-drop', 'ALL',
    '--ro-bind', '/usr', '/usr',
  ];
  for (const dir of SYSTEM_DIRS) {
    const stat = lstatSync(dir, { throwIfNoEntry: false });
    if (stat?.isSymbolicLink()) args.push('--symlink', readlinkSync(dir), dir);
    else if (stat?.isDirectory()) args.push('--ro-bind', dir, dir);
  }
  for (const file of ETC_FILES) if (existsSync(file)) args.push('--ro-bind', file, file);
  // Mounts apply in order: the empty /tmp first, so a checkout or workspace under /tmp bound after it stays visible.
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
  // /usr is bound whole above; node's prefix or NODE_PATH elsewhere (nvm, a checkout) gets its own read-only bind.
  for (const path of spec.readOnlyPaths) if (path !== '/usr' && !path.startsWith('/usr/') && existsSync(path)) args.push('--ro-bind', path, path);
  args.push('--bind', run.workspace, run.workspace, '--chdir', run.workspace);
  // bwrap's own pid 1 inside the namespace keeps bwrap's environment: the caller passes only `env`, and
  // the command gets the same variables with HOME moved to the private tmpfs.
  args.push('--clearenv');
  for (const [key, value] of Object.entries({ ...env, HOME: '/tmp', TMPDIR: '/tmp' })) args.push('--setenv', key, value);
  return args;
}

function limitArgs(limits: SandboxLimits): string[] {
  return ['prlimit', `--cpu=${Math.ceil(limits.cpuSeconds)}`, `--as=${Math.floor(limits.memoryBytes)}`, '--core=0', '--'];
}

const dropUid = (uid: number) => ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--no-new-privs', '--'];
const UNSHARE = ['unshare', '--pid', '--fork', '--mount-proc', '--net', '--ipc', '--uts', '--kill-child'];

/** argv of the confined command; the caller spawns it with `env` only, in its own process group. */
export function sandboxArgv(spec: SandboxSpec, run: SandboxRun, env: Record<string, string>): string[] {
  if (!isAbsolute(run.workspace)) throw new Error(`workspace must be absolute: ${run.workspace}`);
  const shell = ['/bin/sh', '-c', run.command];
  const limited = [...limitArgs(run.limits), ...shell];
  switch (spec.mode) {
    case 'bwrap':
      return ['bwrap', ...bwrapArgs(spec, run, env), '--', ...limited];
    case 'unshare':
      return spec.root ? [...UNSHARE, '--', ...dropUid(spec.uid), ...limited] : [...UNSHARE.slice(0, 1), '--user', '--map-root-user', ...UNSHARE.slice(1), '--', ...limited];
    case 'uid':
      return [...dropUid(spec.uid), ...limited];
    case 'none':
      return limited;
  }
}

/** What each mode enforces on this host, for the start-up log and the docs. */
export function protectionsOf(spec: Pick<SandboxSpec, 'mode' | 'root'>): string[] {
  const always = ['minimal-env', 'process-group-kill', 'rlimit-cpu', 'rlimit-as', 'wall-clock'];
  switch (spec.mode) {
    case 'bwrap':
      return [...always, 'user-ns', 'pid-ns', 'fresh-proc', 'net-ns', 'ipc-ns', 'mount-ns', 'host-files-hidden', 'workspace-only-writable', 'no-capabilities', 'die-with-parent'];
    case 'unshare':
      return [...always, 'pid-ns', 'fresh-proc', 'net-ns', 'ipc-ns', 'mount-ns', spec.root ? 'uid-drop' : 'user-ns', 'kill-child'];
    case 'uid':
      return [...always, 'uid-drop'];
    case 'none':
      return always;
  }
}

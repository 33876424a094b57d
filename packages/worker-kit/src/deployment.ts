import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { VersioningBehavior, WorkerDeploymentVersion } from '@temporalio/common';
import type { NativeConnection } from '@temporalio/worker';
import { EnvError } from '@temporal-ecommerce/env';

/**
 * When a worker makes its own version the deployment's current one:
 * - `never`: an operator (or `pnpm demo:versioning`) decides; production's default.
 * - `if-none`: only when the deployment has no current version yet (a fresh server, the tests); development's default.
 * - `always`: on every start (`pnpm start` and compose, which run one build at a time).
 */
export type PromotePolicy = 'never' | 'if-none' | 'always';
// gRPC status codes (grpc-js is not a dependency of worker-kit).
const GrpcStatus = { NOT_FOUND: 5, FAILED_PRECONDITION: 9 } as const;

const PROMOTE_POLICIES: readonly PromotePolicy[] = ['never', 'if-none', 'always'];

export interface WorkerDeployment {
  version: WorkerDeploymentVersion;
  /** Default behaviour of the worker's workflows: PINNED (orders) or AUTO_UPGRADE (ML, agent). */
  behavior: VersioningBehavior;
  promote: PromotePolicy;
}

export interface WorkerDeploymentDefaults {
  /** From contracts (ORDER_WORKER_DEPLOYMENT, ...): the deployment this worker's builds belong to. */
  deploymentName: string;
  behavior: VersioningBehavior;
  /** The app's package.json version: the first half of the default build id. */
  packageVersion: string;
  /** Where to ask git for the revision when GIT_REVISION is unset. */
  repoRoot: string;
}

// The server names a version `<deployment>.<buildId>`: no dot in the deployment name.
const DEPLOYMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
const BUILD_ID = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/;

/** The `version` of the package.json in `appDir` (an app's root): the first half of its default build id. */
export function readPackageVersion(appDir: string): string {
  const { version } = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof version !== 'string' || !version) throw new Error(`${appDir}/package.json has no version`);
  return version;
}

/** The checkout's short revision, with `-dirty` when it has uncommitted changes; `nogit` without git. */
function gitRevision(repoRoot: string): string {
  try {
    const git = (...args: string[]) => execFileSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5_000 }).trim();
    const rev = git('rev-parse', '--short=12', 'HEAD');
    return git('status', '--porcelain', '--untracked-files=no') ? `${rev}-dirty` : rev;
  } catch {
    return 'nogit';
  }
}

/**
 * The worker's deployment version from WORKER_VERSIONING (on|off, default on), WORKER_DEPLOYMENT_NAME,
 * WORKER_BUILD_ID (default `<package version>-<GIT_REVISION or git's short HEAD>`) and
 * WORKER_DEPLOYMENT_PROMOTE (never|if-none|always; default never in production, else if-none).
 * Undefined when versioning is off. Throws EnvError naming the bad variable.
 */
export function loadWorkerDeployment(env: NodeJS.ProcessEnv, defaults: WorkerDeploymentDefaults): WorkerDeployment | undefined {
  const versioning = (env.WORKER_VERSIONING?.trim() || 'on').toLowerCase();
  if (versioning !== 'on' && versioning !== 'off') throw new EnvError(`WORKER_VERSIONING must be on or off, got "${env.WORKER_VERSIONING}"`);
  if (versioning === 'off') return undefined;
  const deploymentName = env.WORKER_DEPLOYMENT_NAME?.trim() || defaults.deploymentName;
  if (!DEPLOYMENT_NAME.test(deploymentName)) {
    throw new EnvError(`WORKER_DEPLOYMENT_NAME must be 1-100 letters, digits, "_" or "-" (no dot), got "${deploymentName}"`);
  }
  const revision = env.GIT_REVISION?.trim() || gitRevision(defaults.repoRoot);
  const buildId = env.WORKER_BUILD_ID?.trim() || `${defaults.packageVersion}-${revision}`;
  if (!BUILD_ID.test(buildId)) throw new EnvError(`WORKER_BUILD_ID must be 1-100 letters, digits, ".", "_", "+" or "-", got "${buildId}"`);
  const promote = (env.WORKER_DEPLOYMENT_PROMOTE?.trim() || (env.NODE_ENV === 'production' ? 'never' : 'if-none')) as PromotePolicy;
  if (!PROMOTE_POLICIES.includes(promote)) {
    throw new EnvError(`WORKER_DEPLOYMENT_PROMOTE must be one of ${PROMOTE_POLICIES.join(', ')}, got "${env.WORKER_DEPLOYMENT_PROMOTE}"`);
  }
  return { version: { deploymentName, buildId }, behavior: defaults.behavior, promote };
}

/** What the deployment calls need of a connection: a worker's NativeConnection or a client's Connection. */
export interface DeploymentApi {
  workflowService: Pick<NativeConnection['workflowService'], 'describeWorkerDeployment' | 'setWorkerDeploymentCurrentVersion' | 'setWorkerDeploymentRampingVersion'>;
}

/** The deployment's current build id; undefined when it has none (or does not exist yet). */
export async function currentBuildId(connection: DeploymentApi, namespace: string, deploymentName: string): Promise<string | undefined> {
  try {
    const { workerDeploymentInfo } = await connection.workflowService.describeWorkerDeployment({ namespace, deploymentName });
    return workerDeploymentInfo?.routingConfig?.currentDeploymentVersion?.buildId || undefined;
  } catch (err) {
    if ((err as { code?: number }).code === GrpcStatus.NOT_FOUND) return undefined;
    throw err;
  }
}

/**
 * Makes `version` its deployment's current version. The server refuses until it has seen a poller of
 * that version (FAILED_PRECONDITION / NOT_FOUND), which takes a moment after the worker starts: retried
 * until `timeoutMs`. Call it with the worker running.
 */
export async function setCurrentVersion(
  connection: DeploymentApi,
  namespace: string,
  version: WorkerDeploymentVersion,
  { timeoutMs = 60_000, identity = 'worker-kit' }: { timeoutMs?: number; identity?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await connection.workflowService.setWorkerDeploymentCurrentVersion({ namespace, deploymentName: version.deploymentName, buildId: version.buildId, identity });
      return;
    } catch (err) {
      const code = (err as { code?: number }).code;
      const notYet = code === GrpcStatus.FAILED_PRECONDITION || code === GrpcStatus.NOT_FOUND;
      if (!notYet || Date.now() > deadline) throw err;
      await sleep(250);
    }
  }
}

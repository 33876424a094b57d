import path from 'node:path';
import { AGENT_TASK_QUEUE, AGENT_WORKER_DEPLOYMENT } from '@temporal-ecommerce/contracts/agent';
import type { Pricing } from './analysis/cost';
import type { AnalysisStoreConfig } from './store/analysis-store';
import { EnvError, envList, envNumber, envTemporalAddress, loadWorkerKitEnv, readPackageVersion, type WorkerKitEnv } from '@temporal-ecommerce/worker-kit';
import { envPostgresUrl } from '@temporal-ecommerce/worker-kit/postgres';
import type { SandboxLimits } from './sandbox/command';
import { SANDBOX_REQUESTS, type SandboxRequest } from './sandbox/detect';

/** The agent worker's configuration. This file is the only reader of process.env in the app. */
export interface AgentWorkerEnv {
  /** Metrics (METRICS_PORT, default 9466), tracing, payload encryption, TLS: the settings every worker shares. */
  kit: WorkerKitEnv;
  NODE_ENV: string;
  LOG_LEVEL: string;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_NAMESPACE: string;
  /** Default AGENT_TASK_QUEUE; an override isolates a worker (tests, canaries) from the shared queue. */
  TASK_QUEUE: string;
  /** Holds agent/agent.sqlite (results, ledger, snapshots), agent/workspaces and agent/reports. */
  DATA_DIR: string;
  /** agent/agent.sqlite in DATA_DIR, or PostgreSQL (AGENT_DATABASE_URL) shared by replicas on several hosts. */
  store: AnalysisStoreConfig;
  /** AGENT_FILE_DELAY_MS: extra time per file so the crash demo can be watched. 400 in development, 0 in production. */
  fileDelayMs: number;
  /** Price of the estimated tokens when no LLM is configured (AGENT_PRICE_PER_1K_INPUT_TOKENS / _OUTPUT_TOKENS). */
  pricing: Pricing;
  /**
   * AGENT_REPOSITORY_ROOTS (comma-separated, same variable and default as the gateway's): the worker
   * reads, tests and refactors only repositories under these, whoever started the workflow.
   */
  repositoryRoots: string[];
  /** AGENT_SANDBOX: how a codebase's test command is confined (auto = strongest the host allows). */
  sandbox: SandboxRequest;
  /** AGENT_SANDBOX_UID: the unprivileged uid/gid of a test run (nobody). */
  sandboxUid: number;
  /** AGENT_TEST_TIMEOUT_MS, AGENT_TEST_CPU_SECONDS, AGENT_TEST_MEMORY_MB: limits of one test run. */
  testLimits: SandboxLimits;
  /** Present when ANTHROPIC_API_KEY is set: each file also gets an LLM review, charged at its reported usage. */
  llm?: { apiKey: string; baseURL?: string; model: string; pricing: Pricing };
}

const REPO_ROOT = path.resolve(__dirname, '../../..');

function sandboxRequest(raw: string | undefined): SandboxRequest {
  const value = raw?.trim() || 'auto';
  if (!(SANDBOX_REQUESTS as readonly string[]).includes(value)) throw new EnvError(`AGENT_SANDBOX must be one of ${SANDBOX_REQUESTS.join(', ')}, got "${raw}"`);
  return value as SandboxRequest;
}

/** Reads and validates the environment once at start; throws EnvError naming the bad variable. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): AgentWorkerEnv {
  const address = envTemporalAddress(env);
  const production = env.NODE_ENV === 'production';
  const baseURL = env.ANTHROPIC_BASE_URL || undefined;
  if (baseURL && !/^https?:\/\//.test(baseURL)) throw new EnvError(`ANTHROPIC_BASE_URL must be an http(s) URL, got "${baseURL}"`);
  const dataDir = path.resolve(env.TEMPORAL_ECOMMERCE_DATA_DIR || path.join(REPO_ROOT, '.data'));
  const databaseUrl = envPostgresUrl(env, 'AGENT_DATABASE_URL');
  return {
    NODE_ENV: env.NODE_ENV ?? 'development',
    LOG_LEVEL: env.LOG_LEVEL ?? 'info',
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE || 'default',
    TASK_QUEUE: env.AGENT_TASK_QUEUE || AGENT_TASK_QUEUE,
    DATA_DIR: dataDir,
    store: databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'sqlite', file: path.join(dataDir, 'agent', 'agent.sqlite') },
    fileDelayMs: envNumber(env, 'AGENT_FILE_DELAY_MS', production ? 0 : 400, 0, 600_000),
    pricing: {
      inputPer1K: envNumber(env, 'AGENT_PRICE_PER_1K_INPUT_TOKENS', 0.003, 0, 1000),
      outputPer1K: envNumber(env, 'AGENT_PRICE_PER_1K_OUTPUT_TOKENS', 0.015, 0, 1000),
    },
    repositoryRoots: (env.AGENT_REPOSITORY_ROOTS?.trim() ? envList(env, 'AGENT_REPOSITORY_ROOTS') : [path.join(REPO_ROOT, 'examples')]).map((r) => path.resolve(r)),
    sandbox: sandboxRequest(env.AGENT_SANDBOX),
    sandboxUid: envNumber(env, 'AGENT_SANDBOX_UID', 65534, 1, 4_294_967_294),
    testLimits: {
      wallClockMs: envNumber(env, 'AGENT_TEST_TIMEOUT_MS', 120_000, 1000, 3_600_000),
      cpuSeconds: envNumber(env, 'AGENT_TEST_CPU_SECONDS', 300, 1, 86_400),
      memoryBytes: envNumber(env, 'AGENT_TEST_MEMORY_MB', 4096, 256, 1_048_576) * 1024 * 1024,
    },
    kit: loadWorkerKitEnv(env, {
      metricsPort: 9466,
      deployment: { deploymentName: AGENT_WORKER_DEPLOYMENT, behavior: 'AUTO_UPGRADE', packageVersion: readPackageVersion(path.resolve(__dirname, '..')), repoRoot: REPO_ROOT },
    }),
    ...(env.ANTHROPIC_API_KEY
      ? {
          llm: {
            apiKey: env.ANTHROPIC_API_KEY,
            ...(baseURL ? { baseURL } : {}),
            model: env.AGENT_LLM_MODEL || 'claude-sonnet-4-5',
            pricing: {
              inputPer1K: envNumber(env, 'AGENT_LLM_PRICE_PER_1K_INPUT_TOKENS', 0.003, 0, 1000),
              outputPer1K: envNumber(env, 'AGENT_LLM_PRICE_PER_1K_OUTPUT_TOKENS', 0.015, 0, 1000),
            },
          },
        }
      : {}),
  };
}

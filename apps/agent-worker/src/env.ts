import path from 'node:path';
import { AGENT_TASK_QUEUE, AGENT_WORKER_DEPLOYMENT } from '@temporal-ecommerce/contracts/agent';
import type { Pricing } from './analysis/cost';
import type { AnalysisStoreConfig } from './store/analysis-store';
import { DATA_DIR_VARS, defineEnv, loadWorkerKitEnv, LOG_VARS, NODE_ENV_VARS, readEnv, TEMPORAL_SERVER_VARS, v, readPackageVersion, workerKitVars, type WorkerKitEnv } from '@temporal-ecommerce/worker-kit';
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
const price = (fallback: number, description: string) => v.number({ default: fallback, minimum: 0, maximum: 1000, description });

/** Every variable the agent worker reads; .env.example and the README table are generated from it. */
export const AGENT_WORKER_ENV = defineEnv({
  ...NODE_ENV_VARS,
  ...LOG_VARS,
  ...TEMPORAL_SERVER_VARS,
  AGENT_TASK_QUEUE: v.string({ default: AGENT_TASK_QUEUE, description: 'Task queue; an override isolates a worker (tests, canaries) from the shared queue.' }),
  ...DATA_DIR_VARS,
  AGENT_DATABASE_URL: v.string({ secret: true, example: 'postgres://user:password@host:5432/agent', description: 'PostgreSQL for the analysis store, shared by replicas on several hosts; unset, agent/agent.sqlite in the data dir.' }),
  AGENT_FILE_DELAY_MS: v.integer({ minimum: 0, maximum: 600_000, defaultText: '400 (0 with NODE_ENV=production)', description: 'Extra time per file so the crash demo can be watched.' }),
  AGENT_PRICE_PER_1K_INPUT_TOKENS: price(0.003, 'Price of 1000 estimated input tokens when no LLM is configured.'),
  AGENT_PRICE_PER_1K_OUTPUT_TOKENS: price(0.015, 'Price of 1000 estimated output tokens when no LLM is configured.'),
  AGENT_REPOSITORY_ROOTS: v.list({ defaultText: '<repo>/examples', description: 'The worker reads, tests and refactors only repositories under these (same variable as the gateway).' }),
  AGENT_SANDBOX: v.oneOf(SANDBOX_REQUESTS, { default: 'auto', description: "How a codebase's test command is confined (auto: the strongest the host allows)." }),
  AGENT_SANDBOX_UID: v.integer({ default: 65534, minimum: 1, maximum: 4_294_967_294, description: 'Unprivileged uid/gid of a test run (nobody).' }),
  AGENT_TEST_TIMEOUT_MS: v.integer({ default: 120_000, minimum: 1000, maximum: 3_600_000, description: 'Wall-clock limit of one test run.' }),
  AGENT_TEST_CPU_SECONDS: v.integer({ default: 300, minimum: 1, maximum: 86_400, description: 'CPU limit of one test run.' }),
  AGENT_TEST_MEMORY_MB: v.integer({ default: 4096, minimum: 256, maximum: 1_048_576, description: 'Memory limit of one test run.' }),
  ANTHROPIC_API_KEY: v.string({ secret: true, description: 'Set: each file also gets an LLM review, charged at its reported usage.' }),
  ANTHROPIC_BASE_URL: v.string({ pattern: '^https?://', hint: 'an http(s) URL', description: 'Another endpoint for the Anthropic API.' }),
  AGENT_LLM_MODEL: v.string({ default: 'claude-sonnet-4-5', description: 'Model of the LLM review.' }),
  AGENT_LLM_PRICE_PER_1K_INPUT_TOKENS: price(0.003, 'Price of 1000 LLM input tokens.'),
  AGENT_LLM_PRICE_PER_1K_OUTPUT_TOKENS: price(0.015, 'Price of 1000 LLM output tokens.'),
  ...workerKitVars({ metricsPort: 9466, deploymentName: AGENT_WORKER_DEPLOYMENT }),
});

/** Reads and validates the environment once at start; throws EnvError naming the bad variable. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): AgentWorkerEnv {
  const e = readEnv(AGENT_WORKER_ENV, env);
  const production = e.NODE_ENV === 'production';
  const dataDir = path.resolve(e.TEMPORAL_ECOMMERCE_DATA_DIR ?? path.join(REPO_ROOT, '.data'));
  const databaseUrl = envPostgresUrl(env, 'AGENT_DATABASE_URL');
  const roots: string[] = e.AGENT_REPOSITORY_ROOTS.length > 0 ? e.AGENT_REPOSITORY_ROOTS : [path.join(REPO_ROOT, 'examples')];
  return {
    NODE_ENV: e.NODE_ENV,
    LOG_LEVEL: e.LOG_LEVEL,
    TEMPORAL_ADDRESS: e.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: e.TEMPORAL_NAMESPACE,
    TASK_QUEUE: e.AGENT_TASK_QUEUE,
    DATA_DIR: dataDir,
    store: databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'sqlite', file: path.join(dataDir, 'agent', 'agent.sqlite') },
    fileDelayMs: e.AGENT_FILE_DELAY_MS ?? (production ? 0 : 400),
    pricing: { inputPer1K: e.AGENT_PRICE_PER_1K_INPUT_TOKENS, outputPer1K: e.AGENT_PRICE_PER_1K_OUTPUT_TOKENS },
    repositoryRoots: roots.map((r) => path.resolve(r)),
    sandbox: e.AGENT_SANDBOX,
    sandboxUid: e.AGENT_SANDBOX_UID,
    testLimits: {
      wallClockMs: e.AGENT_TEST_TIMEOUT_MS,
      cpuSeconds: e.AGENT_TEST_CPU_SECONDS,
      memoryBytes: e.AGENT_TEST_MEMORY_MB * 1024 * 1024,
    },
    kit: loadWorkerKitEnv(env, {
      metricsPort: 9466,
      deployment: { deploymentName: AGENT_WORKER_DEPLOYMENT, behavior: 'AUTO_UPGRADE', packageVersion: readPackageVersion(path.resolve(__dirname, '..')), repoRoot: REPO_ROOT },
    }),
    ...(e.ANTHROPIC_API_KEY
      ? {
          llm: {
            apiKey: e.ANTHROPIC_API_KEY,
            ...(e.ANTHROPIC_BASE_URL ? { baseURL: e.ANTHROPIC_BASE_URL } : {}),
            model: e.AGENT_LLM_MODEL,
            pricing: { inputPer1K: e.AGENT_LLM_PRICE_PER_1K_INPUT_TOKENS, outputPer1K: e.AGENT_LLM_PRICE_PER_1K_OUTPUT_TOKENS },
          },
        }
      : {}),
  };
}

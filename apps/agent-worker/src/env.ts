import path from 'node:path';
import { AGENT_TASK_QUEUE } from '@temporal-ecommerce/contracts/agent';
import type { Pricing } from './analysis/cost';
import { EnvError, envNumber, envTemporalAddress, loadWorkerKitEnv, type WorkerKitEnv } from '@temporal-ecommerce/worker-kit';
import { testProcessEnv } from './test-process-env';

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
  /** AGENT_FILE_DELAY_MS: extra time per file so the crash demo can be watched. 400 in development, 0 in production. */
  fileDelayMs: number;
  /** Price of the estimated tokens when no LLM is configured (AGENT_PRICE_PER_1K_INPUT_TOKENS / _OUTPUT_TOKENS). */
  pricing: Pricing;
  /** AGENT_TEST_TIMEOUT_MS: a codebase's test run is killed after this long. */
  testTimeoutMs: number;
  /** The environment of a codebase's test run (PATH, HOME, NODE_PATH only). */
  testEnv: Record<string, string>;
  /** Present when ANTHROPIC_API_KEY is set: each file also gets an LLM review, charged at its reported usage. */
  llm?: { apiKey: string; baseURL?: string; model: string; pricing: Pricing };
}

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Reads and validates the environment once at start; throws EnvError naming the bad variable. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): AgentWorkerEnv {
  const address = envTemporalAddress(env);
  const production = env.NODE_ENV === 'production';
  const baseURL = env.ANTHROPIC_BASE_URL || undefined;
  if (baseURL && !/^https?:\/\//.test(baseURL)) throw new EnvError(`ANTHROPIC_BASE_URL must be an http(s) URL, got "${baseURL}"`);
  return {
    NODE_ENV: env.NODE_ENV ?? 'development',
    LOG_LEVEL: env.LOG_LEVEL ?? 'info',
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE || 'default',
    TASK_QUEUE: env.AGENT_TASK_QUEUE || AGENT_TASK_QUEUE,
    DATA_DIR: path.resolve(env.TEMPORAL_ECOMMERCE_DATA_DIR || path.join(REPO_ROOT, '.data')),
    fileDelayMs: envNumber(env, 'AGENT_FILE_DELAY_MS', production ? 0 : 400, 0, 600_000),
    pricing: {
      inputPer1K: envNumber(env, 'AGENT_PRICE_PER_1K_INPUT_TOKENS', 0.003, 0, 1000),
      outputPer1K: envNumber(env, 'AGENT_PRICE_PER_1K_OUTPUT_TOKENS', 0.015, 0, 1000),
    },
    testTimeoutMs: envNumber(env, 'AGENT_TEST_TIMEOUT_MS', 120_000, 1000, 3_600_000),
    testEnv: testProcessEnv(env.PATH ?? '/usr/local/bin:/usr/bin:/bin', env.HOME),
    kit: loadWorkerKitEnv(env, { metricsPort: 9466 }),
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

import { CHAOS_SABOTAGES } from '@temporal-ecommerce/contracts/order';
import { defineEnv, readEnv, v } from '@temporal-ecommerce/env';

const port = (fallback: number, description: string) => v.integer({ default: fallback, minimum: 1, maximum: 65535, description });
const positive = (fallback: number, description: string) => v.integer({ default: fallback, minimum: 1, maximum: 1_000_000, description });
const SABOTAGES = Object.keys(CHAOS_SABOTAGES) as (keyof typeof CHAOS_SABOTAGES)[];

/** `pnpm chaos` (src/scripts/chaos.ts). */
export const CHAOS_ENV = defineEnv({
  CHAOS_ORDERS: positive(200, 'Orders the chaos run places.'),
  CHAOS_WORKERS: positive(2, 'Order workers it runs (and kills).'),
  CHAOS_IN_FLIGHT: positive(30, 'Orders in flight at once.'),
  CHAOS_TEMPORAL_PORT: port(7902, "Its own dev server's port."),
  CHAOS_SEED: v.integer({ minimum: 1, maximum: 2 ** 31 - 1, defaultText: 'random', description: 'Seed of the fault schedule, to repeat a run.' }),
  CHAOS_TIMEOUT_SECONDS: positive(900, 'Time limit of the run.'),
  CHAOS_KEEP: v.flag({ default: false, description: "Keep the run's folder (histories, logs, databases)." }),
  CHAOS_POSTGRES: v.flag({ default: false, description: 'The order workers share a throwaway PostgreSQL cluster instead of one orders.db.' }),
  CHAOS_SABOTAGE: v.oneOf(SABOTAGES, { description: "The workers break this invariant's guarantee on purpose: the run must then report it (the checker's own test)." }),
});

/** `pnpm demo:*` (src/scripts/lib/demo-stack.ts). */
export const DEMO_ENV = defineEnv({
  DEMO_TEMPORAL_PORT: port(7901, "The demos' dev server port, beside pnpm start's 7233."),
  DEMO_GATEWAY_PORT: port(3901, "The demos' gateway port, beside pnpm start's 3001."),
  DEMO_KEEP: v.flag({ default: false, description: 'Leave the demo system running for the Temporal UI until Ctrl-C.' }),
});

/** The compose smoke run at the end of `pnpm test` (src/scripts/compose-smoke.ts). */
export const COMPOSE_SMOKE_ENV = defineEnv({
  COMPOSE_SMOKE: v.oneOf(['on', 'off'], { default: 'on', description: 'off skips it (a machine with Docker whose ports 3001/7233/8233 are taken).' }),
  COMPOSE_SMOKE_TIMEOUT_MS: v.integer({ default: 30 * 60_000, minimum: 1000, maximum: 24 * 3_600_000, description: 'How long the images may take to build and become healthy.' }),
});

/** Every variable e2e's scripts read, for the docs. */
export const E2E_ENV = defineEnv({ ...CHAOS_ENV.properties, ...DEMO_ENV.properties, ...COMPOSE_SMOKE_ENV.properties });

export const chaosEnv = (env: NodeJS.ProcessEnv = process.env) => readEnv(CHAOS_ENV, env);
export const demoEnv = (env: NodeJS.ProcessEnv = process.env) => readEnv(DEMO_ENV, env);
export const composeSmokeEnv = (env: NodeJS.ProcessEnv = process.env) => readEnv(COMPOSE_SMOKE_ENV, env);

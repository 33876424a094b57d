/** `pnpm dev`: `pnpm start` that recompiles changed sources and restarts only what changed (system.ts, reload.ts). */
import { main } from './system';

main({ dev: true });

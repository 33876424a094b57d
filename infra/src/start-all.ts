/** `pnpm start`: the whole system from the compiled apps, until Ctrl-C (system.ts). */
import { main } from './system';

main({ dev: false });

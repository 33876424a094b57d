/**
 * Resolves on the first SIGINT or SIGTERM. A second one means "stop now": `onForce` runs and the
 * process exits, so a hung shutdown never traps the user. One Ctrl-C can arrive twice (the terminal
 * signals the whole process group and pnpm forwards it to its child too), so a repeat within a second
 * counts as the same request.
 */
export function onShutdownSignal(onForce?: () => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let firstAt: number | undefined;
    const handler = (signal: NodeJS.Signals) => {
      if (firstAt === undefined) {
        firstAt = Date.now();
        resolve(signal);
        return;
      }
      if (Date.now() - firstAt < 1_000) return;
      process.stderr.write(`\n${signal} again: stopping now.\n`);
      onForce?.();
      process.exit(130);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}

/**
 * Last resort when the launcher exits without its orderly shutdown (an uncaught error, a parent such as
 * pnpm ending it): signal whatever children are still alive, since they run in their own process groups
 * and nothing else would stop them.
 */
export function killOnExit(pids: () => Array<number | undefined>, signal: NodeJS.Signals = 'SIGTERM'): void {
  process.on('exit', () => {
    for (const pid of pids()) {
      if (!pid) continue;
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  });
}

/** Output to a closed pipe (`pnpm start | head`, a terminal that went away) must not crash the shutdown. */
export function ignoreBrokenPipes(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
}

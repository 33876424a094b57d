/**
 * Resolves on the first SIGINT or SIGTERM. A second one means "stop now": `onForce` runs and the
 * process exits, so a hung shutdown never traps the user.
 */
export function onShutdownSignal(onForce?: () => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const handler = (signal: NodeJS.Signals) => {
      if (received) {
        onForce?.();
        process.exit(130);
      }
      received = true;
      resolve(signal);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}

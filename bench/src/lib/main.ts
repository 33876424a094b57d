/** Entry boilerplate of a bench script: run, publish its section, exit non-zero on failure. */
export function runMain<T>(bench: () => Promise<T>, publish: (result: T) => void): void {
  bench()
    .then(publish)
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}

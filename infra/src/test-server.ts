import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir, repoRoot } from './paths';

/**
 * Resolves io.temporal:temporal-test-server (infra/test-server/pom.xml) with Maven once, and writes a
 * launcher script the SDK can run as an `existing-path` executable: `<script> <port>`.
 */
export function resolveTestServer(): string {
  const dir = path.join(cacheDir(), 'test-server');
  const script = path.join(dir, 'temporal-test-server');
  const pom = path.join(repoRoot(), 'infra', 'test-server', 'pom.xml');
  const stamp = path.join(dir, 'pom.stamp');
  const pomText = readFileSync(pom, 'utf8');
  if (existsSync(script) && existsSync(stamp) && readFileSync(stamp, 'utf8') === pomText) return script;

  mkdirSync(dir, { recursive: true });
  const cpFile = path.join(dir, 'classpath.txt');
  execFileSync('mvn', ['-q', '-B', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${cpFile}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const classpath = readFileSync(cpFile, 'utf8').trim();
  writeFileSync(
    script,
    `#!/bin/sh\n# Generated from infra/test-server/pom.xml. Usage: temporal-test-server <port>\n` +
      `exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp "${classpath}" io.temporal.testserver.TestServer "$@"\n`,
  );
  chmodSync(script, 0o755);
  writeFileSync(stamp, pomText);
  return script;
}

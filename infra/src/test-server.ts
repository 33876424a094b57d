import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { freePort } from './ports';
import { cacheDir, repoRoot } from './paths';

export class TestServerToolMissingError extends Error {
  constructor(tool: 'java' | 'mvn') {
    super(
      `The time-skipping test server needs ${tool === 'java' ? 'Java 11 or later' : 'Maven'} and \`${tool}\` is not on PATH.\n` +
        '  Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless maven\n' +
        '  macOS:         brew install openjdk maven\n' +
        'Maven resolves io.temporal:temporal-test-server (infra/test-server/pom.xml) once; Java runs it.',
    );
    this.name = 'TestServerToolMissingError';
  }
}

const LAUNCHER_VERSION = 'launcher v2 (class-data archive)';

const runs = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

/** The cached launcher is usable while the pom is unchanged and Maven's jars are still in ~/.m2. */
function isCurrent(script: string, stamp: string, cpFile: string, pomText: string): boolean {
  if (!existsSync(script) || !existsSync(stamp) || !existsSync(cpFile)) return false;
  if (readFileSync(stamp, 'utf8') !== pomText) return false;
  return readFileSync(cpFile, 'utf8').trim().split(path.delimiter).every((jar) => existsSync(jar));
}

function writeAtomically(file: string, text: string, mode = 0o644): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  chmodSync(tmp, mode);
  renameSync(tmp, file);
}

/**
 * Resolves io.temporal:temporal-test-server (infra/test-server/pom.xml) with Maven once, and writes a
 * launcher script the SDK can run as an `existing-path` executable: `<script> <port>`.
 */
export function resolveTestServer(): string {
  const dir = path.join(cacheDir(), 'test-server');
  const script = path.join(dir, 'temporal-test-server');
  const pom = path.join(repoRoot(), 'infra', 'test-server', 'pom.xml');
  const stamp = path.join(dir, 'pom.stamp');
  const cpFile = path.join(dir, 'classpath.txt');
  // The stamp covers the launcher's own shape too, so a change here regenerates old caches.
  const pomText = `${LAUNCHER_VERSION}\n${readFileSync(pom, 'utf8')}`;
  if (!runs('java', ['-version'])) throw new TestServerToolMissingError('java');
  if (isCurrent(script, stamp, cpFile, pomText)) return script;
  if (!runs('mvn', ['-v'])) throw new TestServerToolMissingError('mvn');

  mkdirSync(dir, { recursive: true });
  const cpTmp = `${cpFile}.${process.pid}.tmp`;
  const mvn = spawnSync('mvn', ['-q', '-B', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${cpTmp}`], { encoding: 'utf8' });
  if (mvn.status !== 0) {
    throw new Error(`Maven could not resolve the test server (${pom}):\n${mvn.stdout}${mvn.stderr}`);
  }
  renameSync(cpTmp, cpFile);
  const classpath = readFileSync(cpFile, 'utf8').trim();
  const archive = path.join(dir, 'classes.jsa');
  // An archive made for the previous classpath would be rejected by the JVM anyway; drop it.
  rmSync(archive, { force: true });
  // Client JIT, serial GC and (once setup made it) a class-data archive: the SDK gives the server only
  // a few seconds to answer, and on 2 busy cores start-up time matters more than peak speed.
  writeAtomically(
    script,
    `#!/bin/sh\n# Generated from infra/test-server/pom.xml. Usage: temporal-test-server <port>\n` +
      `CDS=""\n[ -f "${archive}" ] && CDS="-XX:SharedArchiveFile=${archive} -Xlog:cds=off -Xlog:cds+dynamic=off"\n` +
      `exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto $CDS -cp "${classpath}" io.temporal.testserver.TestServer "$@"\n`,
    0o755,
  );
  writeAtomically(stamp, pomText);
  return script;
}

/**
 * Records the classes the test server loads while it starts and answers a first call into a class-data
 * archive (JDK 13+ `-XX:ArchiveClassesAtExit`); the launcher uses it from then on. Roughly halves the
 * JVM's start on a loaded machine (2.4 s → 1.1 s measured here). Safe to skip: without it the launcher
 * simply starts slower.
 */
export async function buildTestServerArchive(log: (msg: string) => void = () => undefined): Promise<string | undefined> {
  resolveTestServer();
  const dir = path.join(cacheDir(), 'test-server');
  const archive = path.join(dir, 'classes.jsa');
  if (existsSync(archive)) return archive;
  const classpath = readFileSync(path.join(dir, 'classpath.txt'), 'utf8').trim();
  const port = await freePort();
  const tmp = `${archive}.${process.pid}.tmp`;
  const java = spawn(
    'java',
    ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', `-XX:ArchiveClassesAtExit=${tmp}`, '-cp', classpath, 'io.temporal.testserver.TestServer', String(port)],
    { stdio: 'ignore' },
  );
  const exited = new Promise<number | null>((resolve) => java.once('exit', (code) => resolve(code)));
  try {
    const connection = await connectWithin(`127.0.0.1:${port}`, 30_000);
    await connection.workflowService.getSystemInfo({});
    await connection.close();
  } finally {
    java.kill('SIGTERM');
    await exited;
  }
  if (!existsSync(tmp)) {
    log('The JVM wrote no class-data archive; the test server will start without one.');
    return undefined;
  }
  renameSync(tmp, archive);
  return archive;
}

async function connectWithin(address: string, timeoutMs: number): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await Connection.connect({ address, connectTimeout: 1_000 });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { atLeast, javaVersion, parseVersion } from '../src/doctor';
import { freePort } from '../src/ports';
import { findTemporalCli } from '../src/temporal-cli';

const doctor = path.join(__dirname, '..', 'dist', 'doctor.js');

function runDoctor(env: NodeJS.ProcessEnv): { status: number | null; out: string } {
  const run = spawnSync(process.execPath, [doctor], { env, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, out: run.stdout + run.stderr };
}

describe('pnpm doctor', () => {
  it('reads Java 8 and Java 17 version lines by their major version', () => {
    expect(atLeast(javaVersion('java version "1.8.0_392"'), [11])).toBe(false);
    expect(atLeast(javaVersion('openjdk version "17.0.15" 2025-04-15'), [11])).toBe(true);
    expect(atLeast(parseVersion('20.2.9'), [20, 3])).toBe(false);
    expect(atLeast(parseVersion('20.20.2'), [20, 3])).toBe(true);
  });

  it('on a machine without Java, Maven or pnpm, names each with its install command and exits 1', { timeout: 60_000 }, () => {
    // A PATH holding node and nothing else.
    const bin = mkdtempSync(path.join(os.tmpdir(), 'doctor-bin-'));
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const { status, out } = runDoctor({ PATH: bin, HOME: process.env.HOME, TEMPORAL_CLI_PATH: findTemporalCli() });
    rmSync(bin, { recursive: true, force: true });
    expect(out).toMatch(/MISS +Java 11\+ +not found\n.*\n +fix: apt-get install -y openjdk-17-jre-headless maven/);
    expect(out).toMatch(/MISS +pnpm +not found/);
    expect(out).toMatch(/ok +Temporal CLI +.*temporal version 1\.9\.1/);
    expect(out).toMatch(/MISS +Chromium +not found\n.*\n +fix: apt-get install -y chromium, or set CHROMIUM_PATH/);
    expect(out).toContain('required piece(s) missing: pnpm, Java 11+, Maven, Chromium');
    expect(status).toBe(1);
  });

  it('names what holds a busy port and the variable that moves it', { timeout: 60_000 }, async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const { out } = runDoctor({ ...process.env, PORT: String(port) });
      expect(out).toMatch(new RegExp(`warn +port ${port} \\(gateway\\) +EADDRINUSE\\n.*\\n +fix: .*set PORT`));
    } finally {
      server.close();
    }
  });

  it('says everything is here on a machine that has it (this one: .ci/run installs it first)', { timeout: 60_000 }, async () => {
    const [gateway, grpc, ui] = [await freePort(), await freePort(), await freePort()];
    const { status, out } = runDoctor({ ...process.env, PORT: String(gateway), TEMPORAL_DEV_PORT: String(grpc), TEMPORAL_DEV_UI_PORT: String(ui) });
    expect(out).toContain('Everything pnpm start and pnpm test need is here.');
    expect(status).toBe(0);
  });
});

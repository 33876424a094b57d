import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { postgresBinDir, startPostgresCluster } from '../src/postgres';
import { SERVICES } from '../src/services';

/**
 * No Docker engine runs on our machines, so this checks what `docker compose` would rely on: the file's
 * structure, the files it points at, and the Dockerfiles' shape. (`yaml` resolves the << merge keys.)
 */
const root = path.join(__dirname, '..', '..');

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string; target?: string; args?: Record<string, string> };
  container_name?: string;
  ports?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  command?: string | string[];
  healthcheck?: { test: string[] };
  entrypoint?: string[];
  profiles?: string[];
  env_file?: { path: string; required?: boolean }[];
}

const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const service = (name: string): ComposeService => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
const workers = SERVICES.filter((s) => s.name.endsWith('-worker'));

/** The Dockerfile stage each service is built as. */
const TARGETS: Record<string, string> = { 'order-worker': 'worker', 'ml-worker': 'worker', 'agent-worker': 'agent-worker', gateway: 'gateway' };

const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
/** The Dockerfile's stages by name: the stage they start FROM and their instruction lines (continuations joined). */
const stages: Record<string, { from: string; lines: string[] }> = {};
{
  let current: { from: string; lines: string[] } | undefined;
  for (const line of dockerfile.replace(/\\\n\s*/g, ' ').split('\n')) {
    const from = /^FROM (\S+) AS (\S+)$/.exec(line);
    if (from) stages[from[2]!] = current = { from: from[1]!, lines: [] };
    else if (current && line.trim() && !line.startsWith('#')) current.lines.push(line.trim());
  }
}

/** A target as the image ends up: its stage's lines after those of the stages it builds on. */
function effective(target: string): { lines: string[]; env: string; user?: string; cmd?: string } {
  const chain: string[][] = [];
  for (let name: string | undefined = target; name && stages[name]; name = stages[name]!.from) chain.unshift(stages[name]!.lines);
  if (chain.length === 0) throw new Error(`the Dockerfile has no stage ${target}`);
  const lines = chain.flat();
  return {
    lines,
    env: lines.filter((l) => l.startsWith('ENV ')).join(' '),
    user: lines.filter((l) => l.startsWith('USER ')).at(-1)?.slice(5),
    cmd: lines.filter((l) => l.startsWith('CMD ')).at(-1),
  };
}

describe('docker-compose.yml', () => {
  it('runs Temporal on PostgreSQL from the official images, with the schema set up first', () => {
    expect(service('postgresql').image).toMatch(/^postgres:/);
    expect(service('temporal').image).toMatch(/^temporalio\/(server|auto-setup):/);
    expect(service('temporal').environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql' });
    expect(service('temporal-admin-tools').image).toMatch(/^temporalio\/admin-tools:/);
    expect(service('temporal').depends_on).toEqual({ 'temporal-admin-tools': { condition: 'service_completed_successfully' } });
    expect(service('temporal-admin-tools').depends_on).toEqual({ postgresql: { condition: 'service_healthy' } });
  });

  // Whoever reaches Temporal's gRPC port can start, signal and terminate any workflow: no auth there.
  it('publishes Temporal\'s gRPC port only in the dev profile, and only on the host\'s loopback', () => {
    expect(service('temporal').ports).toBeUndefined();
    const published = Object.entries(services).filter(([, svc]) => (svc.ports ?? []).some((p) => p.endsWith(':7233')));
    expect(published.map(([name]) => name)).toEqual(['temporal-grpc-dev']);
    const dev = service('temporal-grpc-dev');
    expect(dev.profiles).toEqual(['dev']);
    expect(dev.ports).toEqual(['127.0.0.1:7233:7233']);
    expect(dev.environment).toMatchObject({ FORWARD_TO: 'temporal:7233', LISTEN_PORT: '7233' });
    expect(dev.command).toEqual(['node', '/scripts/tcp-forward.js']);
    expect(existsSync(path.join(root, 'infra', 'compose', 'tcp-forward.js'))).toBe(true);
    expect(dev.depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
    // Every other service is in the default (production) shape.
    for (const [name, svc] of Object.entries(services)) if (name !== 'temporal-grpc-dev') expect(svc.profiles, name).toBeUndefined();
  });

  it('serves the Temporal UI on host port 8233, loopback only', () => {
    expect(service('temporal-ui').image).toMatch(/^temporalio\/ui:/);
    expect(service('temporal-ui').ports).toEqual(['127.0.0.1:8233:8080']);
    expect(service('temporal-ui').environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('builds each worker and the gateway from the one Dockerfile (its package as APP, its stage as target), pointed at the compose server', () => {
    for (const spec of SERVICES) {
      const svc = service(spec.name);
      expect(svc.build).toMatchObject({ context: '.', target: TARGETS[spec.name], args: { APP: path.basename(spec.dir) } });
      expect(svc.build?.dockerfile).toBeUndefined();
      expect(svc.environment).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_NAMESPACE: 'default', NODE_ENV: 'production' });
      // Each waits for the provisioned server; the order services also for their database (tested below).
      expect(svc.depends_on).toMatchObject({ 'temporal-provision': { condition: 'service_completed_successfully' } });
    }
  });

  it('lets workers scale: no container_name and no published ports', () => {
    for (const spec of workers) {
      expect(service(spec.name).container_name).toBeUndefined();
      expect(service(spec.name).ports).toBeUndefined();
    }
    for (const svc of Object.values(services)) expect(svc.container_name).toBeUndefined();
  });

  it('gives the gateway its auth from an optional, git-ignored env file with a committed, documented example', () => {
    const gateway = service('gateway');
    expect(gateway.env_file).toEqual([{ path: '${GATEWAY_ENV_FILE:-./apps/gateway/gateway.env}', required: false }]);
    // Never a token in the compose file itself; production mode makes the gateway refuse to run without one.
    expect(Object.keys(gateway.environment ?? {}).filter((k) => k.startsWith('GATEWAY_'))).toEqual([]);
    expect(gateway.environment?.NODE_ENV).toBe('production');
    const example = readFileSync(path.join(root, 'apps', 'gateway', 'gateway.env.example'), 'utf8');
    for (const name of ['GATEWAY_TOKENS', 'GATEWAY_JWKS_URL', 'GATEWAY_JWT_ISSUER', 'GATEWAY_JWT_AUDIENCE', 'GATEWAY_JWT_ROLES_CLAIM']) expect(example).toContain(name);
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n')).toContain('apps/gateway/gateway.env');
    expect(readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n')).toContain('**/gateway.env');
  });

  it('publishes the gateway on 3001, listening on all interfaces inside its container, with a health check', () => {
    expect(service('gateway').ports).toEqual(['3001:3001']);
    expect(service('gateway').environment).toMatchObject({ HOST: '0.0.0.0', PORT: '3001' });
    expect(service('gateway').healthcheck?.test.join(' ')).toContain('/health');
  });

  // The gateway checks a request's repositoryPath on its own filesystem and the agent worker reads it: the
  // two containers must see the same repositories at the same path.
  it('mounts the agent\'s repositories at the same path in the gateway and the agent worker', () => {
    const roots = String(service('gateway').environment?.AGENT_REPOSITORY_ROOTS ?? '').split(',').filter(Boolean);
    expect(roots.length).toBeGreaterThan(0);
    // The worker enforces the same allow-list itself, whoever starts a workflow.
    expect(service('agent-worker').environment?.AGENT_REPOSITORY_ROOTS).toBe(service('gateway').environment?.AGENT_REPOSITORY_ROOTS);
    for (const rootPath of roots) {
      const mountOf = (name: string) => (service(name).volumes ?? []).find((v) => v.split(':')[1] === rootPath);
      expect(mountOf('gateway'), `gateway mounts ${rootPath}`).toBeDefined();
      expect(mountOf('agent-worker')).toBe(mountOf('gateway'));
    }
  });

  // Workers run NODE_ENV=production, where a worker never makes its version current by itself: compose
  // runs one build at a time and must route new runs to it without a manual `temporal worker deployment`.
  it('lets each worker make its version current, with a revision for its build id (the image has no .git)', () => {
    for (const name of ['order-worker', 'ml-worker', 'agent-worker']) {
      expect(service(name).environment, name).toMatchObject({ NODE_ENV: 'production', WORKER_DEPLOYMENT_PROMOTE: '${WORKER_DEPLOYMENT_PROMOTE:-always}', GIT_REVISION: '${GIT_REVISION:-compose}' });
    }
  });

  // The gateway prices orders from the catalog in the order worker's orders.db: it must see that file.
  it('gives the gateway the order worker\'s data volume at the same TEMPORAL_ECOMMERCE_DATA_DIR', () => {
    const dataDir = String(service('order-worker').environment?.TEMPORAL_ECOMMERCE_DATA_DIR ?? '');
    expect(dataDir).not.toBe('');
    expect(service('gateway').environment?.TEMPORAL_ECOMMERCE_DATA_DIR).toBe(dataDir);
    const mountOf = (name: string) => (service(name).volumes ?? []).find((v) => v.split(':')[1] === dataDir);
    expect(mountOf('order-worker'), `order-worker mounts ${dataDir}`).toBeDefined();
    expect(mountOf('gateway')?.split(':')[0]).toBe(mountOf('order-worker')?.split(':')[0]);
  });

  // Scaled workers must share state as replicas on separate hosts do: one PostgreSQL database per app, not a file per container.
  it('puts the order services on the compose PostgreSQL, the same database for the workers and the gateway\'s catalog', () => {
    const url = String(service('order-worker').environment?.ORDER_DATABASE_URL ?? '');
    expect(url).toMatch(/^postgres:\/\/orders:[^@]+@postgresql:5432\/orders$/);
    expect(service('gateway').environment?.ORDER_DATABASE_URL).toBe(url);
    for (const name of ['order-worker', 'gateway']) {
      expect(service(name).depends_on, name).toMatchObject({
        'app-db-setup': { condition: 'service_completed_successfully' },
        'temporal-provision': { condition: 'service_completed_successfully' },
      });
    }
  });

  it('puts the agent\'s store and the ML run history on databases of their own, each app with its own role', () => {
    for (const [name, key, db] of [
      ['agent-worker', 'AGENT_DATABASE_URL', 'agent'],
      ['ml-worker', 'ML_DATABASE_URL', 'ml'],
    ] as const) {
      const url = String(service(name).environment?.[key] ?? '');
      expect(url, name).toMatch(new RegExp(`^postgres://${db}:[^@]+@postgresql:5432/${db}$`));
      expect(service(name).depends_on, name).toMatchObject({
        'app-db-setup': { condition: 'service_completed_successfully' },
        'temporal-provision': { condition: 'service_completed_successfully' },
      });
    }
    // The gateway reads no store of theirs: it goes through workflows (history pages, reports).
    expect(service('gateway').environment).not.toHaveProperty('AGENT_DATABASE_URL');
    expect(service('gateway').environment).not.toHaveProperty('ML_DATABASE_URL');
  });

  // The one-shot runs here against a throwaway cluster (Debian's postgresql, as .ci/run installs): twice, as
  // every `docker compose up` does, and each app's role must own its database.
  it('app-db-setup creates each app\'s role and database, and running it again changes nothing', async () => {
    const setup = service('app-db-setup');
    expect(setup.depends_on).toEqual({ postgresql: { condition: 'service_healthy' } });
    expect(setup.entrypoint).toEqual(['sh', '-c']);
    // Compose turns $$ into $ before the shell sees the command.
    const script = String((setup.command as unknown as string[])[0]).replaceAll('$$', '$');
    const cluster = await startPostgresCluster();
    try {
      const env = { PATH: process.env.PATH, PGHOST: '127.0.0.1', PGPORT: String(cluster.port), PGUSER: 'app', ORDERS_DB_PASSWORD: 'o', AGENT_DB_PASSWORD: 'a', ML_DB_PASSWORD: 'm' };
      const run = () => execFileSync('sh', ['-c', `PATH=${postgresBinDir()}:$PATH; ${script}`], { env, encoding: 'utf8', stdio: 'pipe' });
      run();
      run();
      const owners = execFileSync(path.join(postgresBinDir()!, 'psql'), ['-d', cluster.url('postgres'), '-Atc', "SELECT datname || '=' || pg_get_userbyid(datdba) FROM pg_database WHERE datname IN ('orders', 'agent', 'ml') ORDER BY 1"], {
        encoding: 'utf8',
      });
      expect(owners.trim().split('\n')).toEqual(['agent=agent', 'ml=ml', 'orders=orders']);
    } finally {
      cluster.stop();
    }
  }, 120_000);

  it('provisions the namespace and search attributes with infra/src/provision.ts before any app starts', () => {
    const provision = service('temporal-provision');
    expect(provision.build).toEqual({ context: '.', target: 'provision', args: { APP: 'infra' } });
    expect(provision.depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
    expect(effective('provision').cmd).toBe('CMD ["node", "dist/provision.js"]');
  });

  it('refers only to services, volumes and files that exist', () => {
    for (const [name, svc] of Object.entries(services)) {
      for (const dep of Object.keys(svc.depends_on ?? {})) expect(Object.keys(services), `${name} depends on ${dep}`).toContain(dep);
      for (const mount of svc.volumes ?? []) {
        const [source] = mount.split(':');
        if (source!.startsWith('.')) expect(existsSync(path.join(root, source!)), `${name} mounts ${source}`).toBe(true);
        else expect(Object.keys(compose.volumes), `${name} mounts volume ${source}`).toContain(source);
      }
      if (svc.build) expect(existsSync(path.join(root, svc.build.context, svc.build.dockerfile ?? 'Dockerfile')), `${name} Dockerfile`).toBe(true);
      if (svc.build?.target) expect(Object.keys(stages), `${name} target`).toContain(svc.build.target);
    }
    const script = path.join(root, 'infra', 'compose', 'setup-postgres.sh');
    expect(service('temporal-admin-tools').command).toBe('/scripts/setup-postgres.sh');
    expect(statSync(script).mode & 0o111).not.toBe(0);
  });

  it('has no dependency cycle, so `docker compose up <service>` can order what it needs', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string, trail: string[]): void => {
      if (done.has(name)) return;
      if (visiting.has(name)) throw new Error(`cycle: ${[...trail, name].join(' -> ')}`);
      visiting.add(name);
      for (const dep of Object.keys(services[name]?.depends_on ?? {})) visit(dep, [...trail, name]);
      visiting.delete(name);
      done.add(name);
    };
    for (const name of Object.keys(services)) expect(() => visit(name, [])).not.toThrow();
  });
});

describe('the one Dockerfile', () => {
  it('is the only one: the images differ by build arg and target, not by copies', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*Dockerfile*'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
    expect(files).toEqual(['Dockerfile']);
  });

  it('builds one package (APP) and what it depends on in a multi-stage build, downloads in their own layer, pnpm deploy', () => {
    const build = stages.build!.lines.join('\n');
    expect(build).toContain('ARG APP');
    expect(build).toContain('--filter @temporal-ecommerce/${APP}...');
    expect(build).toContain('pnpm install --frozen-lockfile');
    expect(build).toMatch(/pnpm --filter "@temporal-ecommerce\/\$\{APP\}" deploy --prod/);
    // Downloads sit in a layer of their own, before the sources: a code change does not download again.
    expect(dockerfile.indexOf('RUN pnpm fetch')).toBeGreaterThan(dockerfile.indexOf('COPY pnpm-lock.yaml'));
    expect(dockerfile.indexOf('RUN pnpm fetch')).toBeLessThan(dockerfile.indexOf('COPY . .'));
    // Production workers load prebundled workflow code; every worker has the script the build runs.
    expect(build).toContain('run --if-present bundle');
    for (const spec of workers) {
      const pkg = JSON.parse(readFileSync(path.join(root, spec.dir, 'package.json'), 'utf8')) as { name: string; scripts: Record<string, string> };
      expect(pkg.name).toBe(`@temporal-ecommerce/${path.basename(spec.dir)}`);
      expect(pkg.scripts.bundle, spec.name).toBeDefined();
    }
  });

  for (const [name, target, entry] of [...SERVICES.map((s) => [s.name, TARGETS[s.name]!, s.entry] as const), ['temporal-provision', 'provision', 'dist/provision.js'] as const]) {
    it(`${name} (target ${target}): production mode, an unprivileged user, runs ${entry}`, () => {
      const stage = effective(target);
      expect(stage.env).toContain('NODE_ENV=production');
      expect(stage.user).toMatch(/^(node|[1-9]\d*)$/);
      expect(stage.cmd).toBe(`CMD ["node", "${entry}"]`);
    });
  }

  it('puts the built console into the gateway image and serves it at / through CONSOLE_DIR', () => {
    const gateway = service('gateway');
    expect(gateway.build?.args?.WITH_CONSOLE).toBe('yes');
    expect(gateway.environment?.CONSOLE_DIR).toBe('/app/console');
    const stage = effective('gateway');
    expect(stage.env).toContain('CONSOLE_DIR=/app/console');
    expect(stage.lines).toContain('COPY --from=build --chown=node:node /console ./console');
    // The build stage builds the console with the app and copies its output to /console; the stage refuses an image without it.
    const build = stages.build!.lines.join('\n');
    expect(build).toContain('--filter @temporal-ecommerce/console...');
    expect(build).toContain('cp -r apps/console/dist/. /console/');
    expect(stage.lines.join('\n')).toContain('test -f console/index.html');
    // The console's build writes apps/console/dist (vite's default outDir, not moved elsewhere).
    const viteConfig = readFileSync(path.join(root, 'apps', 'console', 'vite.config.ts'), 'utf8');
    expect(/outDir:\s*'([^']+)'/.exec(viteConfig)?.[1] ?? 'dist').toBe('dist');
    expect(JSON.parse(readFileSync(path.join(root, 'apps', 'console', 'package.json'), 'utf8')).scripts.build).toMatch(/vite build/);
  });

  it('the build context leaves out dependencies, outputs and local state', () => {
    const ignore = readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '.data', '.cache', '.git']) expect(ignore).toContain(entry);
  });
});

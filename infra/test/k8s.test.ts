import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

/**
 * infra/k8s: a kustomize base (the four services, config, autoscalers) and a production overlay (namespace,
 * images, the generated Secret). Parsed and checked here without a cluster; `kubectl kustomize` builds both
 * (see infra/k8s/README.md).
 */
const K8S = path.join(__dirname, '..', 'k8s');
const WORKERS = ['order-worker', 'ml-worker', 'agent-worker'];
const SERVICES = [...WORKERS, 'gateway'];

interface Doc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are free-form; the checks below name what they need
  data?: Record<string, string>;
}

function load(file: string): any[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => {
    expect(d.errors, file).toEqual([]);
    return d.toJS();
  });
}

const base = load(path.join(K8S, 'base', 'kustomization.yaml'))[0];
const docs: Doc[] = (base.resources as string[]).flatMap((r) => load(path.join(K8S, 'base', r)));
const find = (kind: string, name: string): Doc | undefined => docs.find((d) => d.kind === kind && d.metadata.name === name);

describe('infra/k8s base', () => {
  it('lists only files that exist and holds a Deployment per service', () => {
    for (const r of base.resources as string[]) expect(existsSync(path.join(K8S, 'base', r)), r).toBe(true);
    for (const name of SERVICES) expect(find('Deployment', name), name).toBeDefined();
  });

  it('gives every container probes, resource requests and limits, a drain period and no root', () => {
    for (const name of SERVICES) {
      const pod = find('Deployment', name)!.spec.template.spec;
      expect(pod.terminationGracePeriodSeconds, name).toBeGreaterThanOrEqual(30);
      expect(pod.securityContext.runAsNonRoot, name).toBe(true);
      const [c] = pod.containers;
      expect(c.readinessProbe?.httpGet?.path, name).toBeTruthy();
      expect(c.livenessProbe?.httpGet?.path, name).toBeTruthy();
      expect(Object.keys(c.resources.requests).sort(), name).toEqual(['cpu', 'memory']);
      expect(Object.keys(c.resources.limits).sort(), name).toEqual(['cpu', 'memory']);
      expect(c.securityContext.allowPrivilegeEscalation, name).toBe(false);
      // A probe on a named port must name a port the container declares.
      const ports = (c.ports as { name: string }[]).map((p) => p.name);
      expect(ports, name).toContain(c.readinessProbe.httpGet.port);
    }
  });

  it('scrapes each service\'s metrics on the port it serves them', () => {
    for (const name of SERVICES) {
      const template = find('Deployment', name)!.spec.template;
      const port = Number(template.metadata.annotations['prometheus.io/port']);
      expect(template.metadata.annotations['prometheus.io/scrape'], name).toBe('true');
      expect((template.spec.containers[0].ports as { containerPort: number }[]).map((p) => p.containerPort), name).toContain(port);
      const metricsEnv = (template.spec.containers[0].env as { name: string; value?: string }[]).find((e) => e.name === 'METRICS_PORT');
      if (WORKERS.includes(name)) expect(metricsEnv?.value, name).toBe(String(port));
    }
  });

  it('autoscales every worker and the gateway on CPU, targeting its own Deployment', () => {
    for (const name of SERVICES) {
      const hpa = find('HorizontalPodAutoscaler', name);
      expect(hpa?.spec.scaleTargetRef, name).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa!.spec.minReplicas).toBeLessThanOrEqual(hpa!.spec.maxReplicas);
      expect(hpa!.spec.metrics[0].resource.name).toBe('cpu');
    }
  });

  it('reads config from the ConfigMap and secrets from the Secret only; the order worker shares its database through the Secret', () => {
    const config = find('ConfigMap', 'temporal-ecommerce-config')!;
    for (const key of Object.keys(config.data!)) expect(key, 'a secret in the ConfigMap').not.toMatch(/KEY|TOKEN|PASSWORD|SECRET|DATABASE_URL/);
    expect(docs.filter((d) => d.kind === 'Secret')).toEqual([]);
    for (const name of SERVICES) {
      const envFrom = find('Deployment', name)!.spec.template.spec.containers[0].envFrom;
      expect(envFrom, name).toEqual([{ configMapRef: { name: 'temporal-ecommerce-config' } }, { secretRef: { name: 'temporal-ecommerce-secrets' } }]);
    }
    // Every worker's shared store comes from the Secret: replicas on several nodes share one database per app.
    for (const [name, key] of [
      ['order-worker', 'ORDER_DATABASE_URL'],
      ['agent-worker', 'AGENT_DATABASE_URL'],
      ['ml-worker', 'ML_DATABASE_URL'],
    ] as const) {
      const env = find('Deployment', name)!.spec.template.spec.containers[0].env as { name: string; valueFrom?: unknown }[];
      expect(env.find((e) => e.name === key)?.valueFrom, name).toEqual({ secretKeyRef: { name: 'temporal-ecommerce-secrets', key } });
    }
  });
});

describe('infra/k8s production overlay', () => {
  const dir = path.join(K8S, 'overlays', 'production');
  const overlay = load(path.join(dir, 'kustomization.yaml'))[0];

  it('sets an image for every service, generates the Secret from a git-ignored file with a committed example', () => {
    expect(overlay.resources).toEqual(['../../base']);
    const images = (overlay.images as { name: string }[]).map((i) => i.name).sort();
    expect(images).toEqual(SERVICES.map((s) => `temporal-ecommerce/${s}`).sort());
    for (const name of SERVICES) expect(find('Deployment', name)!.spec.template.spec.containers[0].image).toBe(`temporal-ecommerce/${name}`);
    const [generator] = overlay.secretGenerator;
    expect(generator).toEqual({ name: 'temporal-ecommerce-secrets', envs: ['secrets.env'] });
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('secrets.env');
    const example = readFileSync(path.join(dir, 'secrets.env.example'), 'utf8');
    for (const key of ['ORDER_DATABASE_URL', 'AGENT_DATABASE_URL', 'ML_DATABASE_URL', 'GATEWAY_TOKENS', 'PAYLOAD_ENCRYPTION_KEY', 'TEMPORAL_API_KEY']) expect(example).toContain(`${key}=`);
  });
});

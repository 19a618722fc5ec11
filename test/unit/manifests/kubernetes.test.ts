import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { graceMs } from '../../../src/cli/start-command';
import { parseConfig, SECRET_ENV } from '../../../src/config';

/**
 * The deployment files cannot be applied here (no cluster, no Docker), so they are parsed and held to
 * what the bot needs of them: several replicas, probes on the port and paths the bot serves, a grace
 * period longer than the bot's own, secrets only by reference, non-root with a read-only root and
 * somewhere writable for every path the bot writes. Edit the manifests and this keeps them honest.
 */
const ROOT = join(__dirname, '../../..');
const DIR = join(ROOT, 'manifests/kubernetes');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
const docs: Record<string, any>[] = FILES.flatMap((f) =>
  parseAllDocuments(readFileSync(join(DIR, f), 'utf8')).map((d) => ({ file: f, ...(d.toJS() as Record<string, any>) })),
);
const one = (kind: string) => {
  const found = docs.filter((d) => d.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
};

const deployment = () => one('Deployment');
const pod = () => deployment().spec.template.spec;
const bot = () => pod().containers[0];
const env = (name: string) => (bot().env as { name: string; value?: string; valueFrom?: any }[]).find((e) => e.name === name);
const botConfig = () => parseConfig(parse(one('ConfigMap').data['cloudops.yaml']));
/** A probe's or Service's port, named or numbered, as the container port number. */
const portNumber = (port: string | number) =>
  typeof port === 'number' ? port : bot().ports.find((p: { name: string }) => p.name === port)?.containerPort;
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

describe('manifests/kubernetes', () => {
  it('kustomization lists every manifest in the folder', () => {
    const listed = one('Kustomization').resources as string[];
    expect(listed.sort()).toEqual(FILES.filter((f) => f !== 'kustomization.yaml').sort());
  });

  it('docs/deploy.md does not tell the operator to run one replica when DATABASE_URL is set', () => {
    const text = readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8');
    expect(text).not.toMatch(/until that has landed|run \*\*one\*\* replica \(`replicas: 1`\) until then/i);
    expect(env('DATABASE_URL')?.valueFrom?.secretKeyRef).toBeDefined();
  });

  it('runs at least two replicas, never both down at once (rolling update and PodDisruptionBudget)', () => {
    const d = deployment();
    expect(d.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(d.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    const pdb = one('PodDisruptionBudget');
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb.spec.minAvailable).toBeLessThan(d.spec.replicas);
    expect(matches(pdb.spec.selector.matchLabels, d.spec.template.metadata.labels)).toBe(true);
  });

  it('probes liveness on /healthz and readiness on /readyz, on the port the bot serves them', () => {
    const config = botConfig();
    const served = config.slack?.mode === 'http' ? config.slack.port : Number(env('CLOUDOPS_HEALTH_PORT')?.value);
    expect(served).toBe(3000);
    const c = bot();
    for (const [probe, path] of [
      ['livenessProbe', '/healthz'],
      ['readinessProbe', '/readyz'],
      ['startupProbe', '/healthz'],
    ] as const) {
      expect(c[probe].httpGet.path).toBe(path);
      expect(portNumber(c[probe].httpGet.port)).toBe(served);
    }
    // The health port variable names the same port (/healthz is then not served twice).
    expect(Number(env('CLOUDOPS_HEALTH_PORT')?.value)).toBe(served);
    const svc = one('Service');
    expect(matches(svc.spec.selector, deployment().spec.template.metadata.labels)).toBe(true);
    expect(portNumber(svc.spec.ports[0].targetPort)).toBe(served);
    const annotations = deployment().spec.template.metadata.annotations;
    expect([annotations['prometheus.io/path'], Number(annotations['prometheus.io/port'])]).toEqual(['/metrics', served]);
  });

  it('gives the bot longer than its own shutdown grace (plus the preStop pause) before SIGKILL', () => {
    const grace = graceMs(botConfig().shutdown.grace) / 1000;
    const preStop = bot().lifecycle?.preStop?.sleep?.seconds ?? 0;
    expect(grace).toBeGreaterThan(0);
    expect(pod().terminationGracePeriodSeconds).toBeGreaterThan(grace + preStop);
  });

  it('takes every secret from a Secret by reference, never inline, and ships no Secret', () => {
    expect(docs.filter((d) => d.kind === 'Secret')).toHaveLength(0);
    for (const name of [...SECRET_ENV, 'MICROSOFT_APP_ID']) {
      const e = env(name);
      if (!e) continue;
      expect({ name, value: e.value }).toEqual({ name, value: undefined });
      expect(e.valueFrom.secretKeyRef.name).toBe('cloudops-bot');
    }
    for (const required of ['DATABASE_URL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'])
      expect(env(required)?.valueFrom?.secretKeyRef).toBeDefined();
    // The config file holds no token or password (parseConfig refuses secret-looking keys; the URL is env-only).
    expect(botConfig().store.url).toBeUndefined();
  });

  it('runs as non-root with a read-only root filesystem, and every path the bot writes is a mounted volume', () => {
    const p = pod();
    expect(p.securityContext.runAsNonRoot).toBe(true);
    expect(p.securityContext.runAsUser).toBeGreaterThan(0);
    const c = bot();
    expect(c.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    const mounts = c.volumeMounts as { name: string; mountPath: string; readOnly?: boolean }[];
    const writable = mounts.filter(
      (m) => !m.readOnly && p.volumes.find((v: { name: string; emptyDir?: unknown }) => v.name === m.name)?.emptyDir,
    );
    for (const path of [env('CLOUDOPS_STORE')!.value!, `${env('CLOUDOPS_CACHE_DIR')!.value!}/x`, '/tmp/x']) {
      expect({ path, mounted: writable.some((m) => path.startsWith(`${m.mountPath}/`)) }).toEqual({ path, mounted: true });
    }
    // The config file comes from the ConfigMap, where CLOUDOPS_CONFIG says.
    const config = mounts.find((m) => m.name === 'config')!;
    expect(env('CLOUDOPS_CONFIG')!.value).toBe(`${config.mountPath}/cloudops.yaml`);
    expect(p.volumes.find((v: { name: string }) => v.name === 'config').configMap.name).toBe(one('ConfigMap').metadata.name);
  });

  it('sets resource requests and a memory limit', () => {
    const r = bot().resources;
    expect(r.requests.cpu).toBeDefined();
    expect(r.requests.memory).toBeDefined();
    expect(r.limits.memory).toBeDefined();
  });
});

describe('docker-compose.yaml', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yaml'), 'utf8'));

  it('runs Postgres with a health check and a volume, and starts the bot on it once it is healthy', () => {
    const pg = compose.services.postgres;
    expect(pg.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(pg.volumes[0]).toMatch(/^pgdata:\/var\/lib\/postgresql\/data$/);
    expect(Object.keys(compose.volumes)).toContain('pgdata');
    const bot = compose.services.bot;
    expect(bot.depends_on.postgres.condition).toBe('service_healthy');
    expect(new URL(bot.environment.DATABASE_URL.replace(/\$\{[^}]+\}/g, 'x')).host).toBe('postgres:5432');
    expect(bot.healthcheck.test.join(' ')).toContain('/readyz');
  });

  it('mounts a valid config file and waits longer than its shutdown grace', () => {
    const bot = compose.services.bot;
    const [file, target] = bot.volumes.find((v: string) => v.includes('cloudops.yaml')).split(':');
    expect(target).toBe(bot.environment.CLOUDOPS_CONFIG);
    expect(existsSync(join(ROOT, file))).toBe(true);
    const config = parseConfig(parse(readFileSync(join(ROOT, file), 'utf8')));
    expect(Number(String(bot.stop_grace_period).replace(/s$/, ''))).toBeGreaterThan(graceMs(config.shutdown.grace) / 1000);
  });
});

describe('Dockerfile', () => {
  it('builds and runs on a Node LTS line the SDKs support (22 or 24)', () => {
    const froms = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
      .split('\n')
      .filter((l) => /^FROM\s/i.test(l));
    expect(froms.length).toBeGreaterThan(0);
    for (const f of froms) expect(f).toMatch(/^FROM node:(22|24)[.-]/);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The image cannot be built here (no Docker, no network), so these check that the Dockerfile agrees with
 * the repository: what it copies exists and is not ignored, the install step does not run the package's
 * `prepare` build before the sources are there, and the health check asks the port the code serves.
 */
const ROOT = join(__dirname, '../../..');
const DOCKERFILE = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const IGNORED = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** Instructions with line continuations joined. */
const instructions = DOCKERFILE.replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

const stages = instructions.reduce<string[][]>((all, line) => {
  if (/^FROM\s/i.test(line)) all.push([]);
  all[all.length - 1]?.push(line);
  return all;
}, []);

function copiedFromContext(stage: string[]): string[] {
  return stage
    .filter((l) => /^COPY\s/i.test(l) && !/--from=/i.test(l))
    .flatMap((l) =>
      l
        .split(/\s+/)
        .slice(1)
        .filter((w) => !w.startsWith('--'))
        .slice(0, -1),
    );
}

describe('Dockerfile', () => {
  it('has a build stage and a runtime stage', () => {
    expect(stages).toHaveLength(2);
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const sources = stages.flatMap(copiedFromContext);
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) {
      expect([src, existsSync(join(ROOT, src))]).toEqual([src, true]);
      expect([src, IGNORED.includes(src) || IGNORED.includes(src.split('/')[0])]).toEqual([src, false]);
    }
  });

  it('installs without running `prepare` before the sources and tsconfig are copied', () => {
    const build = stages[0];
    const install = build.findIndex((l) => /^RUN\s.*\bnpm (install|ci)\b/.test(l));
    const sources = build.findIndex((l) => /^COPY\s+src\b/.test(l));
    expect(install).toBeGreaterThan(-1);
    const prepareRunsEarly = install < sources && !!PACKAGE.scripts.prepare && !/--ignore-scripts/.test(build[install]);
    expect(prepareRunsEarly).toBe(false);
    // better-sqlite3 still gets its native binary when install scripts are skipped.
    if (/--ignore-scripts/.test(build[install])) expect(build[install]).toMatch(/npm rebuild better-sqlite3/);
  });

  it('ships what the code reads from the package root at run time', () => {
    const runtime = copiedFromContext(stages[1]);
    for (const needed of ['package.json', 'bin', 'playbooks', 'sandbox', 'manifests']) expect(runtime).toContain(needed);
    expect(stages[1].some((l) => /^COPY\s+--from=build\s+\/app\/dist\b/.test(l))).toBe(true);
  });

  it('starts `cloudops start` through the bin script', () => {
    const entry = stages[1].find((l) => /^ENTRYPOINT\s/.test(l))!;
    const cmd = stages[1].find((l) => /^CMD\s/.test(l))!;
    const [, script] = JSON.parse(entry.replace(/^ENTRYPOINT\s+/, '')) as string[];
    expect(existsSync(join(ROOT, script))).toBe(true);
    expect(JSON.parse(cmd.replace(/^CMD\s+/, ''))).toEqual(['start']);
    expect(readFileSync(join(ROOT, 'src/cli/index.ts'), 'utf8')).toContain("program.command('start')");
  });

  it('health-checks /healthz on CLOUDOPS_HEALTH_PORT, which it sets and exposes', () => {
    const runtime = stages[1];
    const port = /^ENV\s+CLOUDOPS_HEALTH_PORT=(\d+)/.exec(runtime.find((l) => /^ENV\s+CLOUDOPS_HEALTH_PORT=/.test(l)) ?? '')?.[1];
    expect(port).toBeDefined();
    const check = runtime.find((l) => /^HEALTHCHECK\s/.test(l))!;
    expect(check).toContain('/healthz');
    expect(check).toContain('process.env.CLOUDOPS_HEALTH_PORT');
    expect(runtime.find((l) => /^EXPOSE\s/.test(l))!.split(/\s+/)).toEqual(expect.arrayContaining([port, '3978']));
    expect(readFileSync(join(ROOT, 'src/main.ts'), 'utf8')).toContain('CLOUDOPS_HEALTH_PORT');
  });

  it('keeps the store on the /data volume', () => {
    expect(stages[1]).toContain('VOLUME ["/data"]');
    expect(stages[1].some((l) => /^ENV\s+CLOUDOPS_STORE=\/data\//.test(l))).toBe(true);
  });
});

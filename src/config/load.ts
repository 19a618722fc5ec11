import { existsSync, readFileSync } from 'node:fs';
import { parseDocument, LineCounter } from 'yaml';
import { configSchema, SECRET_ENV, storeUrlProblem, type Config } from './schema';
import { yamlValue } from './yaml-input';

/** Keys that look like a secret someone tried to put in the file. */
const SECRET_LIKE = /token|secret|password|passwd|credential|accesskey|privatekey/i;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Defaults used when there is no config file: the sandbox demo, two demo approvers in the console. */
export const SANDBOX_DEMO_CONFIG = {
  sandbox: {},
  approval: { approvers: { demo: { console: ['bob', 'carol'] } } },
  tagging: {
    required: [
      { key: 'environment', values: ['production', 'staging', 'dev'] },
      { key: 'owner', values: ['web', 'platform', 'payments', 'data', 'search', 'ml'] },
      { key: 'cost-center', pattern: 'CC-\\d{4}' },
    ],
  },
};

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or null when the built-in sandbox demo defaults are in use. */
  file: string | null;
  /** The line of a key in the file (for checks made after parsing, like digest kinds against their registry). */
  lines?: (path: (string | number)[]) => number | undefined;
}

/**
 * A problem found after parsing (by a registry the config does not know, such as the digest kinds),
 * worded like parseConfig's own: `file:line: \`key\`: message`.
 */
export function configProblem(loaded: LoadedConfig, path: (string | number)[], message: string): ConfigError {
  const line = loaded.lines?.(path);
  return new ConfigError(`${loaded.file ?? 'config'}${line ? `:${line}` : ''}: \`${path.join('.')}\`: ${message}`);
}

/** Validate a config object; the first problem becomes one clear line naming the key. */
export function parseConfig(raw: unknown, file = 'config', lines?: (path: (string | number)[]) => number | undefined): Config {
  const result = configSchema.safeParse(emptySections(raw ?? {}, configSchema));
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path as (string | number)[];
    const key = issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]].join('.') : path.join('.') || '(top level)';
    let message = issue.message;
    if (issue.code === 'unrecognized_keys')
      message =
        `unknown key (allowed here: ${allowedKeys(path).join(', ')})` +
        (SECRET_LIKE.test(issue.keys[0])
          ? '. Secrets are never read from this file: remove it and set the environment variable ' +
            `instead (${SECRET_ENV.join(', ')}; AWS credentials from the SDK's default chain)`
          : '');
    else if (issue.code === 'invalid_value' && 'values' in issue) message = `must be one of ${(issue.values as unknown[]).join(', ')}`;
    const line = lines?.(issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]] : path);
    throw new ConfigError(`${file}${line ? `:${line}` : ''}: \`${key}\`: ${message}`);
  }
  return result.data;
}

/**
 * A section whose options are all commented out (`sandbox:` followed only by comments) reads as null in
 * YAML; it means the section with its defaults, as `sandbox: {}` does (a list: an empty list).
 */
function emptySections(raw: unknown, schema: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const s = unwrap(schema) as { shape?: Record<string, unknown>; def?: { type?: string; valueType?: unknown } } | undefined;
  const child = (key: string) => s?.shape?.[key] ?? (s?.def?.type === 'record' ? s.def.valueType : undefined);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const type = (unwrap(child(key)) as { def?: { type?: string } } | undefined)?.def?.type;
    if (value === null && (type === 'object' || type === 'record')) out[key] = {};
    else if (value === null && type === 'array') out[key] = [];
    else out[key] = emptySections(value, child(key));
  }
  return out;
}

function allowedKeys(path: (string | number)[]): string[] {
  let schema: unknown = configSchema;
  for (const key of path) {
    const s = unwrap(schema) as { shape?: Record<string, unknown>; element?: unknown; valueType?: unknown } | undefined;
    schema = typeof key === 'number' ? s?.element : (s?.shape?.[key] ?? s?.valueType);
  }
  const shape = (unwrap(schema) as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(s: unknown): unknown {
  let cur = s as { unwrap?: () => unknown; def?: { innerType?: unknown; type?: string; getter?: () => unknown } } | undefined;
  for (let i = 0; i < 8 && (cur?.def?.innerType || cur?.def?.getter); i++) cur = (cur.def!.innerType ?? cur.def!.getter!()) as typeof cur;
  return cur;
}

/**
 * Load the config: an explicit path must exist; otherwise ./cloudops.yaml if present; otherwise the
 * sandbox demo defaults.
 */
export function loadConfig(path?: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const loaded = readConfig(path, env);
  // Deployment overrides from the environment (the container mounts its volume at /data).
  if (env.CLOUDOPS_STORE) loaded.config.store.path = env.CLOUDOPS_STORE;
  // DATABASE_URL selects Postgres over the SQLite file, password and all (it is a secret: never printed).
  if (env.DATABASE_URL) {
    const problem = storeUrlProblem(env.DATABASE_URL, 'env');
    if (problem) throw new ConfigError(`DATABASE_URL ${problem}; unset it to use the SQLite file (store.path)`);
    loaded.config.store.url = env.DATABASE_URL;
  }
  return loaded;
}

function readConfig(path: string | undefined, env: NodeJS.ProcessEnv): LoadedConfig {
  const explicit = path ?? (env.CLOUDOPS_CONFIG || undefined);
  const file = explicit ?? (existsSync('cloudops.yaml') ? 'cloudops.yaml' : null);
  if (!file) return { config: parseConfig(SANDBOX_DEMO_CONFIG, 'built-in defaults'), file: null };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const fix = path
      ? 'check the --config path'
      : explicit
        ? 'check $CLOUDOPS_CONFIG, or unset it to use ./cloudops.yaml or the sandbox defaults'
        : 'pass --config PATH, or remove it to use the sandbox defaults';
    throw new ConfigError(`${file}: cannot read the config file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); ${fix}`);
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new ConfigError(
      `${file}:${counter.linePos(e.pos[0]).line}: not valid YAML: ` +
        (/Maximum call stack size exceeded/.test(e.message)
          ? 'nested too deeply (brackets or blocks inside one another thousands of times); write it flatter'
          : e.message.split('\n')[0]),
    );
  }
  const lines = (p: (string | number)[]) => {
    for (let n = p.length; n > 0; n--) {
      const node = doc.getIn(p.slice(0, n), true) as { range?: number[] } | undefined;
      if (node?.range) return counter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const value = yamlValue(doc, counter);
  if (!value.ok) throw new ConfigError(`${file}:${value.line}: ${value.message}`);
  return { config: parseConfig(value.value ?? {}, file, lines), file, lines };
}

export function durationSeconds(text: string): number {
  const m = /^(\d+)(s|m|h|d)$/.exec(text);
  if (!m) throw new ConfigError(`not a duration: ${text}`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

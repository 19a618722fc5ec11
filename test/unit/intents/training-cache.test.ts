import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalClassifier, type TrainingCache } from '../../../src/intents';
import { defineKind, resourceKinds } from '../../../src/inventory';
import { Catalog } from '../../../src/playbooks';
import { FileCache } from '../../../src/store';
import { fixedClock, repoCatalog } from '../../helpers/understanding';

/** A cache that remembers what was asked of it. */
function memoryCache(): TrainingCache & { entries: Map<string, string>; gets: number; sets: number } {
  const entries = new Map<string, string>();
  const cache = {
    entries,
    gets: 0,
    sets: 0,
    get(key: string) {
      cache.gets += 1;
      return entries.get(key);
    },
    set(key: string, value: string) {
      cache.sets += 1;
      entries.set(key, value);
    },
  };
  return cache;
}

const REQUESTS = [
  'stop web-prod-1',
  'restart nginx on web-prod-2 please',
  'the disk on kafka-broker-2 is full, clean it up',
  'how much did we spend last week per account',
  'snapshot orders-db before the migration',
  'which resources are missing the owner tag',
  'tell me a joke',
  'resize web-prod-1 to m6i.xlarge',
];

const guesses = (c: LocalClassifier) => REQUESTS.map((r) => c.understand(r));

describe('LocalClassifier: the trained model is cached by the catalog it was trained from', () => {
  const clock = fixedClock;
  // One classifier trained from nothing (its cache was empty), shared by the tests: what every other
  // classifier here must understand exactly as, and the entry it wrote (training takes seconds).
  let freshGuesses: ReturnType<typeof guesses>;
  let entry: [string, string];
  beforeAll(() => {
    const seed = memoryCache();
    freshGuesses = guesses(new LocalClassifier(repoCatalog(), { clock, cache: seed }));
    expect(seed).toMatchObject({ gets: 1, sets: 1 });
    entry = [...seed.entries][0];
  });

  it('a start-up with the same catalog reuses the training and understands exactly as a fresh one', () => {
    const cache = memoryCache();
    const first = new LocalClassifier(repoCatalog(), { clock, cache });
    expect(cache.sets).toBe(1);
    expect(cache.entries.get(entry[0])).toBe(entry[1]); // the same training, written under the same key
    const second = new LocalClassifier(repoCatalog(), { clock, cache });
    expect(cache.sets).toBe(1); // nothing trained, nothing written
    expect(guesses(second)).toEqual(freshGuesses);
    expect(guesses(first)).toEqual(freshGuesses);
  });

  it('a changed playbook trains afresh: its new example is understood', () => {
    const cache = memoryCache();
    new LocalClassifier(repoCatalog(), { clock, cache });
    const playbooks = repoCatalog()
      .list()
      .map((p) => (p.id === 'ec2-reboot-instance' ? { ...p, examples: [...p.examples, 'kick the frobnicator box web-prod-1'] } : p));
    const changed = new LocalClassifier(new Catalog(playbooks), { clock, cache });
    expect(cache.sets).toBe(2);
    expect(cache.entries.size).toBe(2);
    expect(changed.understand('kick the frobnicator box web-prod-1').playbook).toBe('ec2-reboot-instance');
  });

  it('a resource kind whose words are new to the classifier trains afresh: a request reads as after a fresh start-up', () => {
    // A kind's words and hints live in src/inventory (or a plugin's file), not in the classifier's folder, yet the
    // analyser reads them while training ("disk" a kind noun, no longer a word that means "clean up"). A model
    // trained before the kind existed answered these differently from a fresh start-up (confidence, and for
    // these four the playbook: none instead of ssm-disk-cleanup, or back), depending on what the cache held.
    const disks = [
      'no space left on device on api staging 2 ffs',
      'cache-node-01 root fs almost out of room',
      'web-staging-1 out of inodes, /tmp is full of junk',
      'low disk space alarm firing on search-prod-1, 93% used and climbing!!',
    ];
    const cache = memoryCache();
    cache.entries.set(...entry); // trained on the built-in kinds (as by the start-up before this one)
    const fileSystems = defineKind({
      type: 'shared-file-system',
      label: 'shared file system',
      words: ['filesystem', 'disk'],
      hint: { family: 'shared-disk', nouns: ['disk', 'disks'] },
      scanner: {
        name: 'shared-file-systems',
        description: 'shared file systems (none in this test)',
        permissions: [],
        scan: async () => [],
      },
      facts: {},
      permissions: [],
      sandbox: { service: 'ssm', estateKey: 'ssmInstances' },
      reread: async () => undefined,
    });
    resourceKinds.register(fileSystems);
    try {
      const cached = new LocalClassifier(repoCatalog(), { clock, cache });
      const fresh = new LocalClassifier(repoCatalog(), { clock });
      expect([...disks, ...REQUESTS].map((r) => cached.understand(r))).toEqual([...disks, ...REQUESTS].map((r) => fresh.understand(r)));
      expect(cache.sets).toBe(1); // trained again, under a key of its own
      expect(cache.entries.get(entry[0])).toBe(entry[1]); // the built-in kinds' training is still there for them
    } finally {
      resourceKinds.unregister(fileSystems.type);
    }
    // Without the kind, the built-in training answers again, read from the cache.
    expect(guesses(new LocalClassifier(repoCatalog(), { clock, cache }))).toEqual(freshGuesses);
    expect(cache.sets).toBe(1);
  });

  it.each([
    ['cut short', (v: string) => v.slice(0, v.length / 2)],
    ['not JSON', () => 'not json at all'],
    ['weights of the wrong width', (v: string) => JSON.stringify({ ...JSON.parse(v), model: { ...JSON.parse(v).model, features: ['x'] } })],
    ['a weight that is not a number', (v: string) => v.replace(/(\[\[)(-?[0-9.e-]+)/, '$1"x"')],
  ])('a damaged entry (%s) is trained over, never used', (_what, damage) => {
    const cache = memoryCache();
    const [key, value] = entry;
    cache.entries.set(key, damage(value));
    const again = new LocalClassifier(repoCatalog(), { clock, cache });
    expect(guesses(again)).toEqual(freshGuesses);
    expect(cache.entries.get(key)).toBe(value); // rewritten whole
  });

  it('a cache that fails to read or write only costs the training', () => {
    const broken: TrainingCache = {
      get: () => {
        throw new Error('EIO');
      },
      set: () => {
        throw new Error('EROFS');
      },
    };
    expect(guesses(new LocalClassifier(repoCatalog(), { clock, cache: broken }))).toEqual(freshGuesses);
  });
});

describe('FileCache', () => {
  it('writes entries whole, reads them back, and keeps only the newest few', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cloudops-cache-')), 'nested');
    const cache = new FileCache(dir, 'classifier', 2);
    cache.set('aaa', 'one');
    cache.set('bbb', 'two');
    cache.set('ccc', 'three');
    expect(cache.get('ccc')).toBe('three');
    expect(cache.get('nope')).toBeUndefined();
    const files = readdirSync(dir);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(2);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
    writeFileSync(join(dir, 'other-zzz.json'), 'kept: not ours');
    cache.set('ddd', 'four');
    expect(readFileSync(join(dir, 'other-zzz.json'), 'utf8')).toBe('kept: not ours');
  });

  it('refuses keys that could name another file', () => {
    const cache = new FileCache(mkdtempSync(join(tmpdir(), 'cloudops-cache-')), 'classifier');
    expect(() => cache.set('../../etc/passwd', 'x')).toThrow(/letters and digits/);
  });

  it('is in CLOUDOPS_CACHE_DIR, or XDG_CACHE_HOME, or ~/.cache; off turns it off', () => {
    expect(FileCache.folder({ CLOUDOPS_CACHE_DIR: '/var/cache/bot' })).toBe('/var/cache/bot');
    expect(FileCache.folder({ CLOUDOPS_CACHE_DIR: 'off' })).toBeUndefined();
    expect(FileCache.folder({ XDG_CACHE_HOME: '/x' })).toBe('/x/cloudops-bot');
    expect(FileCache.folder({})).toMatch(/\.cache\/cloudops-bot$/);
  });
});

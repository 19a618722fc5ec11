import { canonical, intern, isNumber, tokens } from '../../../src/inventory/tokens';

/** The regex definition `tokens` had before its one-pass version: the words must stay exactly these. */
function reference(text: string): string[] {
  const out: string[] = [];
  const parts = text
    .toLowerCase()
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .split(/[^a-z0-9]+/);
  for (const p of parts) {
    if (!p) continue;
    out.push(intern(isNumber(p) ? (p.length > 15 ? p.slice(-15) : p) : canonical(p)));
  }
  return out;
}

/** A small deterministic generator (no flaky inputs). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('tokens', () => {
  it('splits names, tags and queries into the words the resolver compares', () => {
    expect(tokens('pg-instance-main1')).toEqual(['pg', 'instance', 'main', '1']);
    expect(tokens('Web_Prod 01')).toEqual(['web', 'prod', '01']);
    expect(tokens('PRD-Postgres-DB2a')).toEqual(['prod', 'pg', 'db', '2', 'a']);
    expect(tokens('i-0123456789abcdef0')).toEqual(['i', '0123456789', 'abcdef', '0']);
    expect(tokens('build-12345678901234567890')).toEqual(['build', '345678901234567890'.slice(-15)]);
    expect(tokens('  --  ')).toEqual([]);
    expect(tokens('')).toEqual([]);
  });

  it('gives the same words as the regex definition, for ASCII and non-ASCII text alike', () => {
    const r = rng(19);
    const pieces = ['a', 'Z', 'prod', 'PRD', 'Staging', 'k8s', '0', '7', '1234567890123456789', '-', '_', ' ', '.', '/', ':'];
    const unicode = ['É', 'é', 'İ', 'ß', '\u212a', 'ü', '日本', '\u00a0'];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const len = Math.floor(r() * 12);
      for (let i = 0; i < len; i++) text += r() < 0.1 ? unicode[Math.floor(r() * unicode.length)] : pieces[Math.floor(r() * pieces.length)];
      expect([text, tokens(text)]).toEqual([text, reference(text)]);
    }
  });

  it('lower-cases non-ASCII text as Unicode does (the Kelvin sign is a k; dotted İ leaves an i)', () => {
    expect(tokens('\u212aafka-İnfra')).toEqual(reference('\u212aafka-İnfra'));
    expect(tokens('\u212aafka')).toEqual(['kafka']);
  });
});

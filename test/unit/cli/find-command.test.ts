import { PassThrough } from 'node:stream';
import { findCommand, parseLimit } from '../../../src/cli/find-command';
import { parseConfig } from '../../../src/config';
import { DEMO_ESTATE } from '../../../src/main';
import { silentLog } from '../../helpers/bot';

const loaded = { config: parseConfig({ sandbox: {} }), file: null };

async function find(query: string, limit?: string): Promise<{ code: number; text: string }> {
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d.toString()));
  const code = await findCommand(
    loaded,
    query,
    { sandbox: DEMO_ESTATE, store: ':memory:', ...(limit !== undefined ? { limit } : {}) },
    { output, log: silentLog },
  );
  return { code, text };
}

describe('cloudops find --limit', () => {
  it('caps the ranked matches', async () => {
    const all = await find('pg-main');
    const one = await find('pg-main', '1');
    expect(all.text.trim().split('\n').length).toBeGreaterThan(2);
    expect(one.text.trim().split('\n')).toHaveLength(2);
    expect(one.code).toBe(0);
  });

  it.each(['abc', '0', '-3', '2.5', '501', ''])('refuses %p instead of quietly using another number', async (limit) => {
    expect(() => parseLimit(limit)).toThrow(`--limit ${limit} is not a number of matches; give a whole number from 1 to 500`);
    await expect(find('pg-main', limit)).rejects.toThrow(/--limit .* is not a number of matches/);
  });

  it('accepts 1 to 500', () => {
    expect(parseLimit('1')).toBe(1);
    expect(parseLimit('500')).toBe(500);
  });
});

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const GOLDEN = resolve(__dirname, '../golden');

/**
 * Compare `actual` with the golden file; UPDATE_GOLDEN=1 writes it instead. A missing golden file fails
 * (so a renamed test cannot pass silently).
 */
export function expectGolden(file: string, actual: string | Buffer): void {
  const path = join(GOLDEN, file);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`golden file ${file} is missing; run with UPDATE_GOLDEN=1 to write it, then review it`);
  const expected = readFileSync(path);
  if (typeof actual === 'string') expect(actual).toBe(expected.toString('utf8'));
  else expect(Buffer.compare(actual, expected)).toBe(0);
}

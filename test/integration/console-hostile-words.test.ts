/**
 * Words that are names of Object's own properties ("constructor", "toString", "__proto__") are words like
 * any other. Looked up in a plain object literal they found Object's functions, and "stop constructor",
 * "who owns constructor", "is constructor healthy" failed with "Something went wrong on my side: word.slice
 * is not a function".
 */
import { converse, testBot } from '../helpers/bot';

const WORDS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

describe('hostile words in chat', () => {
  it('requests and questions made of Object property names are answered, never fail, and plan nothing unasked', async () => {
    const bot = await testBot();
    const lines = WORDS.flatMap((w) => [
      `stop ${w}`,
      `who owns ${w}`,
      `is ${w} healthy`,
      `when was ${w} last snapshotted`,
      `whats running in ${w}`,
      `how many instances in ${w}`,
      `reboot all the ${w} servers`,
      `restart ${w} on web-prod-1`,
      `cost for ${w}`,
    ]);
    const out = await converse(bot, lines);
    expect(out).not.toContain('Something went wrong');
    expect(out).not.toMatch(/is not a function|Cannot read properties/);
    // The names are looked for and not found, as any unknown name is.
    expect(out).toContain('I found nothing called "constructor" in the inventory.');
    // A place that is no account the inventory holds is said so (qa18c), not answered "nothing running".
    expect(out).toMatch(/I know no account, environment or region called "tostring"\./i);
    bot.close();
  });
});

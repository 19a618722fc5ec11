import { writeFileSync } from 'node:fs';
import { renderConsole } from '../chat';
import { SandboxProvider } from '../cloud';
import type { ChatMessage } from '../core';
import { addDays, failureMessage, isDay, reportJson, type Day, type DigestKind } from '../digests';
import type { Bot } from '../main';

export interface DigestCommandOptions {
  print?: boolean;
  date?: string;
  json?: boolean;
  chart?: string;
  all?: boolean;
  /** Write the digest's rows as CSV to this file. */
  csv?: string;
}

interface Io {
  output: NodeJS.WritableStream;
  error: NodeJS.WritableStream;
}

/** The neutral message as JSON: the chart's PNG bytes as base64. */
export function messageJson(m: ChatMessage): Record<string, unknown> {
  return { ...m, ...(m.image ? { image: { ...m.image, png: Buffer.from(m.image.png).toString('base64') } } : {}) };
}

/** A sandbox estate's costs end on a fixed day; "today" defaults to the day after it when the clock is past it. */
function sandboxToday(bot: Pick<Bot, 'provider'>, today: Day): Day {
  if (!(bot.provider instanceof SandboxProvider)) return today;
  const last = bot.provider.state.estate.costs
    .map((c) => c.TimePeriod?.Start ?? '')
    .sort()
    .at(-1);
  return last && addDays(last, 1) < today ? addDays(last, 1) : today;
}

/**
 * `cloudops digest <kind> --print` (any kind in the digest registry): build the digest and write it to
 * standard output without posting it anywhere. Exit code 1 when the digest could not be built (the
 * message says why), 2 on bad usage.
 */
export async function digestCommand(
  bot: Pick<Bot, 'digests' | 'provider' | 'clock'>,
  kind: string,
  options: DigestCommandOptions,
  io: Io,
): Promise<number> {
  const k = bot.digests.kindOf(kind);
  if (!k) {
    const kinds = Object.keys(bot.digests.kinds);
    const uses = kinds.map((x) => `\`cloudops digest ${x} --print\``);
    io.error.write(
      `cloudops digest: unknown digest "${kind}"; use ${uses.length > 1 ? `${uses.slice(0, -1).join(', ')} or ${uses.at(-1)}` : uses[0]}\n`,
    );
    return 2;
  }
  if (!options.print && !options.csv) {
    io.error.write(
      'cloudops digest: give --print and/or --csv FILE; only these are supported here (it ' +
        'renders the digest without posting); scheduled digests are posted by the running ' +
        'bot from `digests:` in the config, and `cost` / `tags` in chat posts one on demand\n',
    );
    return 2;
  }
  if (options.date !== undefined && !isDay(options.date)) {
    io.error.write(`cloudops digest: --date "${options.date}" is not a date; write it as YYYY-MM-DD, e.g. --date 2026-11-22\n`);
    return 2;
  }
  let today = options.date ?? bot.digests.today(k);
  if (!options.date && bot.digests.kinds[k].costData) {
    const adjusted = sandboxToday(bot, today);
    if (adjusted !== today)
      io.error.write(
        `cloudops digest: the sandbox estate's costs end on ${addDays(adjusted, -1)}; ` +
          `showing the digest as of ${adjusted} (pass --date to choose)\n`,
      );
    today = adjusted;
  }
  if (options.csv) {
    const code = await writeCsv(bot, k, today, options, io);
    if (code !== 0 || !options.print) return code;
  }
  if (k === 'findings') return findingsDigest(bot, options, io);
  const message = await bot.digests.message(k, { today, source: 'print' });
  const messages = [message, ...(options.all && message.kind !== 'error' ? await bot.digests.rest(k) : [])];
  if (options.chart) {
    if (message.image) writeFileSync(options.chart, message.image.png);
    else io.error.write(`cloudops digest: the ${k} digest has no chart; nothing written to ${options.chart}\n`);
  }
  for (const m of messages) io.output.write(options.json ? `${JSON.stringify(messageJson(m))}\n` : `${renderConsole(m)}\n`);
  return message.kind === 'error' ? 1 : 0;
}

/** The findings digest: the chat message as text, or with --json one object `{findings: [...], …}` (the documented contract). */
async function findingsDigest(bot: Pick<Bot, 'digests' | 'provider' | 'clock'>, options: DigestCommandOptions, io: Io): Promise<number> {
  let built;
  try {
    // --date: ages and deadlines as of that day (noon UTC), so a digest can be reproduced.
    built = await bot.digests.findings.build(options.date ? { at: new Date(`${options.date}T12:00:00Z`) } : {});
  } catch (e) {
    const message = failureMessage('findings', e, bot.provider.kind === 'sandbox' ? bot.provider.label : undefined);
    io.output.write(options.json ? `${JSON.stringify(messageJson(message))}\n` : `${renderConsole(message)}\n`);
    return 1;
  }
  // The text digest carries the "What stands out" paragraph like every other digest (--json is the contract, without it).
  io.output.write(
    options.json
      ? `${JSON.stringify(reportJson(built.report, options.date ? new Date(`${options.date}T12:00:00Z`) : bot.clock.now()))}\n`
      : `${renderConsole(await bot.digests.narrate(built.message))}\n`,
  );
  return 0;
}

/** `--csv FILE`: the digest's rows for a spreadsheet; exit 1 when the digest cannot be read (nothing written). */
async function writeCsv(
  bot: Pick<Bot, 'digests' | 'provider' | 'clock'>,
  kind: DigestKind,
  today: Day,
  options: DigestCommandOptions,
  io: Io,
): Promise<number> {
  let out;
  try {
    out = await bot.digests.csv(kind, {
      today,
      ...(kind === 'findings' && options.date ? { at: new Date(`${options.date}T12:00:00Z`) } : {}),
    });
  } catch (e) {
    const m = failureMessage(kind, e);
    io.error.write(`cloudops digest: ${m.header}: ${m.text?.replace(/\*/g, '')}\n`);
    return 1;
  }
  try {
    writeFileSync(options.csv!, out.csv);
  } catch (e) {
    io.error.write(
      `cloudops digest: cannot write ${options.csv}: ` +
        `${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; pick a file in a ` +
        `folder that exists and you can write to\n`,
    );
    return 2;
  }
  io.error.write(`cloudops digest: wrote ${out.rows} ${kind} row${out.rows === 1 ? '' : 's'} to ${options.csv}\n`);
  return 0;
}

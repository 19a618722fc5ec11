import { AlertInputError, detectAlerts, proposePlan } from '../alerts';
import { planToJson } from '../core';
import type { Bot } from '../main';
import { UsageError } from './usage-error';

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of input) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `cloudops alert --json < payload.json`: what the bot would post for an alert payload exactly as
 * delivered (format detected), one JSON line per alert in the `plan --json` contract plus an `alert`
 * object. Nothing is posted, opened or run; SNS signatures are not checked (the HTTP endpoint does).
 */
export async function alertCommand(
  bot: Bot,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; json: boolean },
): Promise<void> {
  const text = await readAll(io.input);
  if (!text.trim())
    throw new UsageError('alert: no payload on standard input; e.g. cloudops alert --json < test/fixtures/alerts/sns-notification.json');
  let detected: ReturnType<typeof detectAlerts>;
  try {
    detected = detectAlerts(text, bot.config.alerts);
  } catch (e) {
    if (e instanceof AlertInputError) throw new UsageError(`alert: ${e.message}`);
    throw e;
  }
  const rules = bot.config.alerts?.rules ?? [];
  let n = 0;
  for (const alert of detected.alerts) {
    const { plan, rule } = await proposePlan(
      { planner: bot.planner, catalog: bot.catalog, clock: bot.clock, rules },
      alert,
      `alert-${++n}`,
    );
    const json = { ...planToJson(plan), alert: { ...alert, format: detected.format, rule: rule?.name ?? null, suggestion: !rule } };
    io.output.write(
      io.json
        ? `${JSON.stringify(json)}\n`
        : `${alert.state === 'resolved' ? 'resolved' : 'firing'} ${alert.name}: ` +
            `${plan.playbook?.id ?? '(no playbook)'}` +
            `${rule ? ` (rule ${rule.name})` : ' (suggestion)'}, risk ${plan.risk.level}` +
            `${plan.approval.required ? ', approval required' : ''}\n`,
    );
  }
  if (!detected.alerts.length)
    io.output.write(
      io.json
        ? `${JSON.stringify({ alert: null, note: 'nothing to act on (INSUFFICIENT_DATA)' })}\n`
        : 'nothing to act on (INSUFFICIENT_DATA)\n',
    );
}

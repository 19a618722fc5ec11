import { createInterface } from 'node:readline';
import type { Bot } from '../main';
import { planToJson } from '../core';

/** `cloudops plan`: the plan as JSON, one object per line; nothing runs. */
export async function planCommand(
  bot: Bot,
  text: string | undefined,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; json: boolean },
): Promise<void> {
  const one = async (line: string) => {
    const plan = await bot.planner.plan(line, { at: new Date() });
    const json = planToJson(plan);
    io.output.write(io.json ? `${JSON.stringify(json)}\n` : `${humanPlan(json)}\n`);
  };
  if (text !== undefined && text.trim() !== '') {
    await one(text);
    return;
  }
  const rl = createInterface({ input: io.input, terminal: false });
  for await (const line of rl) if (line.trim()) await one(line.trim());
}

function humanPlan(j: Record<string, unknown>): string {
  const risk = j.risk as { level: string; reasons: string[] };
  const lines = [`${j.input}`, `  playbook: ${j.playbook ?? '(none)'} (confidence ${j.confidence})`];
  for (const [k, v] of Object.entries(j.params as Record<string, unknown>)) {
    const r = v as { id?: string; name?: string; account?: string; region?: string };
    lines.push(`  ${k}: ${typeof v === 'object' && v && r.id ? `${r.name} (${r.id}, ${r.account}/${r.region})` : JSON.stringify(v)}`);
  }
  if (j.clarify)
    lines.push(
      `  ambiguous: ${(j.clarify as { candidates: { name: string; account: string; region: string }[] }).candidates
        .map((c) => `${c.name} (${c.account}/${c.region})`)
        .join(', ')}`,
    );
  if (j.missing) {
    const { param, query, nearest, unscanned, gone } = j.missing as {
      param: string;
      query?: string;
      nearest?: string[];
      unscanned?: string[];
      gone?: string;
    };
    if (gone) lines.push(`  gone: ${gone}`);
    else if (query)
      lines.push(`  not found: nothing matches "${query}" for \`${param}\`${nearest?.length ? `; nearest: ${nearest.join(', ')}` : ''}`);
    else lines.push(`  missing: the request does not say \`${param}\``);
    // Not found may only mean "not scanned": say which slice failed and why.
    for (const u of unscanned ?? []) lines.push(`  note: ${u}`);
  }
  for (const n of (j.notes as string[] | undefined) ?? []) lines.push(`  note: ${n}`);
  if (j.playbook && (j.missing || j.clarify)) {
    // Risk and approval are not known until the resource is: "approval: not required" would mislead.
    lines.push('  risk: not assessed: the plan is incomplete, so nothing would run');
    return lines.join('\n');
  }
  lines.push(`  risk: ${risk.level}${j.blocked ? ' BLOCKED' : ''}${risk.reasons.length ? ` (${risk.reasons.join('; ')})` : ''}`);
  lines.push(`  approval: ${(j.approval as { required: boolean }).required ? 'required' : 'not required'}`);
  return lines.join('\n');
}

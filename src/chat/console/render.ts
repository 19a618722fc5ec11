import type { ChatMessage } from '../../core';
import { cutList } from '../ChatAdapter';
import { terminalText } from './terminal-text';

const BADGE = { low: '[low risk]', medium: '[MEDIUM RISK]', high: '[HIGH RISK]', critical: '[!! CRITICAL RISK !!]' } as const;

/** Terminal text for one message, with no escape sequence left in it. `firstButton` numbers its buttons for the REPL. */
export function renderConsole(m: ChatMessage, firstButton = 1): string {
  const out: string[] = [];
  if (m.header) out.push(`== ${m.header} ==`);
  if (m.risk) out.push(BADGE[m.risk.level]);
  if (m.text) out.push(m.text.replace(/\*([^*\n]+)\*/g, '$1'));
  for (const f of m.fields ?? []) out.push(`  ${f.label}: ${f.value}`);
  if (m.risk?.reasons.length) out.push('Why:', ...m.risk.reasons.map((r) => `  - ${r}`));
  for (const item of cutList(m.items ?? [], 25)) out.push(`  * ${item}`);
  if (m.textChart) out.push(m.textChart);
  if (m.image && !m.textChart) out.push(`  (chart: ${m.image.alt})`);
  if (m.buttons?.length) out.push(m.buttons.map((b, i) => `[${firstButton + i}] ${b.label}`).join('   '));
  if (m.context?.length) out.push(`  -- ${m.context.join(' | ')}`);
  return terminalText(out.join('\n'));
}

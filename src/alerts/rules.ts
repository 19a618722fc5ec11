import type { AlertRuleConfig } from '../config';
import type { Alert } from './alert';

/** `*` matches anything, the rest literally, without case; the whole value must match. */
export function globMatches(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  const parts = pattern.toLowerCase().split('*');
  const v = value.toLowerCase();
  if (parts.length === 1) return v === parts[0];
  if (!v.startsWith(parts[0]) || !v.endsWith(parts[parts.length - 1])) return false;
  let at = parts[0].length;
  const end = v.length - parts[parts.length - 1].length;
  for (const part of parts.slice(1, -1)) {
    const i = v.indexOf(part, at);
    if (i < 0 || i + part.length > end) return false;
    at = i + part.length;
  }
  return at <= end;
}

/** Does one rule's `when` fit the alert? Every condition named must hold. */
export function ruleMatches(rule: AlertRuleConfig, alert: Alert): boolean {
  const w = rule.when;
  if (w.source && w.source !== alert.source) return false;
  if (w.alarm && !globMatches(w.alarm, alert.name)) return false;
  if (w.metric && !globMatches(w.metric, alert.metric?.name)) return false;
  if (w.namespace && !globMatches(w.namespace, alert.metric?.namespace)) return false;
  if (w.severity && !w.severity.some((s) => s.toLowerCase() === alert.severity.toLowerCase())) return false;
  for (const [k, pattern] of Object.entries(w.labels ?? {})) {
    if (!globMatches(pattern, alert.labels[k] ?? alert.metric?.dimensions[k])) return false;
  }
  return true;
}

/** The first rule that fits, in the order the config lists them. */
export function matchRule(rules: AlertRuleConfig[], alert: Alert): AlertRuleConfig | undefined {
  return rules.find((r) => ruleMatches(r, alert));
}

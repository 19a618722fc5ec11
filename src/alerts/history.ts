import type { AuditEntry, Resource } from '../core';
import type { ChangeHistory } from './IncidentFlow';

interface Recorded extends AuditEntry {
  at: string;
}

/**
 * Recent changes to a resource from the audit trail: plans that named it and how they ended, newest
 * first ("2026-12-06 10:00 ec2-reboot-instance succeeded, approved by bob").
 */
export function auditHistory(
  list: (filter: { since: Date; kinds: AuditEntry['kind'][] }) => Recorded[] | Promise<Recorded[]>,
): ChangeHistory {
  return async (resource: Resource, since: Date) => {
    const records = await list({ since, kinds: ['plan', 'result', 'rejection', 'expiry', 'cancellation'] });
    const plans = new Map<string, { at: string; playbook: string }>();
    for (const r of records) {
      if (r.kind !== 'plan') continue;
      const params = (r.data.params ?? {}) as Record<string, unknown>;
      if (Object.values(params).some((v) => v && typeof v === 'object' && (v as { id?: string }).id === resource.id))
        plans.set(r.requestId, { at: r.at, playbook: String(r.data.playbook) });
    }
    const ends = new Map<string, string>();
    for (const r of records) {
      if (!plans.has(r.requestId) || r.kind === 'plan') continue;
      ends.set(
        r.requestId,
        r.kind === 'result'
          ? r.data.ok
            ? 'succeeded'
            : 'failed'
          : r.kind === 'rejection'
            ? 'rejected'
            : r.kind === 'expiry'
              ? 'expired'
              : 'cancelled',
      );
    }
    return [...plans.entries()]
      .filter(([id]) => ends.has(id))
      .sort((a, b) => b[1].at.localeCompare(a[1].at))
      .map(([id, p]) => `${p.at.slice(0, 16).replace('T', ' ')} UTC ${p.playbook} ${ends.get(id)} (${id})`);
  };
}

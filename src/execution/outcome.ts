/** AWS's request id from an SDK output, as a list (empty when the answer carries none). */
export function requestIds(out: { $metadata?: { requestId?: string } } | undefined): string[] {
  const id = out?.$metadata?.requestId;
  return id ? [id] : [];
}

/** { owner: 'alice' } -> [{ Key: 'owner', Value: 'alice' }]. */
export function tagList(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** "true", "yes", true -> true. Values from chat arrive as text; playbook defaults as booleans. */
export function truthy(v: unknown): boolean {
  return v === true || (typeof v === 'string' && /^(true|yes|y|1|on)$/i.test(v.trim()));
}

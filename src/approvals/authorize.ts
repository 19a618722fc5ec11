import type { ApprovalConfig } from '../config';
import type { ChatUser } from '../core';
import { userKey } from '../core';
import type { ApprovalNeed } from '../core';

/**
 * Is `user` one of the people the named approver sets list? Deny by default: an unknown set, an empty
 * set or another platform's ids never match. A set entry matches the user's platform id, one of the
 * groups the adapter reported (Slack user groups, Entra ID groups), or the user principal name the adapter
 * vouches for (Teams).
 */
export function isApprover(policy: ApprovalConfig, sets: string[], user: ChatUser): boolean {
  for (const name of sets) {
    const set = policy.approvers[name];
    if (!set) continue;
    const ids = (set as Record<string, string[] | undefined>)[user.platform] ?? [];
    if (ids.includes(user.id)) return true;
    if (user.groups?.some((g) => ids.includes(g))) return true;
    // Aliases are e-mail-like (UPNs): compared without case.
    if (user.aliases?.some((a) => ids.some((id) => id.toLowerCase() === a.toLowerCase()))) return true;
    if (user.principalName) {
      const upn = user.principalName.toLowerCase();
      if (ids.some((i) => i.includes('@') && i.toLowerCase() === upn)) return true;
    }
  }
  return false;
}

export const OTHER_TENANT =
  'this request was made in another organisation (Entra ID tenant); only people from that tenant may approve or reject it.';

/** A request made in one Entra ID tenant is decided only from that tenant: an object id from elsewhere proves nothing here. */
export function otherTenant(requester: ChatUser, user: ChatUser): boolean {
  return !!requester.tenant && user.tenant !== requester.tenant;
}

export function sameUser(a: ChatUser, b: ChatUser): boolean {
  return userKey(a) === userKey(b);
}

/** Why `user` may not approve, or undefined when they may. */
export function approvalRefusal(policy: ApprovalConfig, need: ApprovalNeed, requester: ChatUser, user: ChatUser): string | undefined {
  if (otherTenant(requester, user)) return OTHER_TENANT;
  if (sameUser(user, requester)) {
    return need.requesterMayApprove
      ? undefined
      : 'you asked for this change, and a change at this risk level needs someone else to approve it.';
  }
  if (!isApprover(policy, need.eligible, user)) {
    const sets = need.eligible.filter((s) => policy.approvers[s]);
    return sets.length
      ? `you are not an approver for this risk level (approvers come from: ${sets.join(', ')}). Ask one of them.`
      : 'nobody is configured to approve changes at this risk level (approval.approvers / approval.levels in the config).';
  }
  return undefined;
}

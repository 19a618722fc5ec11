import type { ApprovalConfig } from '../config';
import type { ChatUser } from '../core/chat';
import { userKey } from '../core/chat';
import type { ApprovalNeed } from '../core/plan';

/** Is `user` one of the people the named approver sets list? Deny by default. */
export function isApprover(policy: ApprovalConfig, sets: string[], user: ChatUser): boolean {
  for (const name of sets) {
    const set = policy.approvers[name];
    if (!set) continue;
    const ids = set[user.platform] ?? [];
    if (ids.includes(user.id)) return true;
    if (user.groups?.some((g) => ids.includes(g))) return true;
    // Aliases are e-mail-like (UPNs): compared without case.
    if (user.aliases?.some((a) => ids.some((id) => id.toLowerCase() === a.toLowerCase()))) return true;
  }
  return false;
}

export function sameUser(a: ChatUser, b: ChatUser): boolean {
  return userKey(a) === userKey(b);
}

/** Why `user` may not approve, or undefined when they may. */
export function approvalRefusal(policy: ApprovalConfig, need: ApprovalNeed, requester: ChatUser, user: ChatUser): string | undefined {
  if (sameUser(user, requester) && !need.requesterMayApprove) {
    return 'you asked for this change, and a change at this risk level needs someone else to approve it.';
  }
  if (sameUser(user, requester) && need.requesterMayApprove) return undefined;
  if (!isApprover(policy, need.eligible, user)) {
    const sets = need.eligible.length ? need.eligible.join(', ') : 'none configured';
    return `you are not an approver for this risk level (approver groups: ${sets}).`;
  }
  return undefined;
}

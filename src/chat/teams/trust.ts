/**
 * Whom the Teams endpoint believes: which service URLs the bot may post to (anything else would be
 * a server-side request forgery: the bot's token and card contents sent to a host of the caller's
 * choosing), and which Entra ID tenants may talk to it.
 */
import type { OutboundUrlPolicy } from '@microsoft/agents-hosting';

/**
 * Hosts Teams and the Bot Framework send as `serviceUrl` (suffix match): the Bot Framework channels,
 * Teams commercial (smba.trafficmanager.net), GCC (smba.infra.gcc.teams.microsoft.com) and GCC High /
 * DoD (*.teams.microsoft.us). Deliberately narrower than the SDK's default list, which also trusts
 * any Azure blob storage account.
 */
export const TEAMS_SERVICE_HOSTS = [
  'botframework.com',
  'botframework.us',
  'smba.trafficmanager.net',
  'teams.microsoft.com',
  'teams.microsoft.us',
] as const;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The service URLs the bot may talk to: https on a Teams / Bot Framework host, or a URL under one of
 * the configured extra prefixes (`teams.serviceUrls`, compared by scheme, host, port and path prefix).
 * In loopback test mode (no credentials) loopback URLs are allowed too: that is where the Bot
 * Framework Emulator and the test stand-ins listen.
 */
export class ServiceUrlPolicy implements OutboundUrlPolicy {
  readonly enabled = true;
  private readonly extra: URL[];

  constructor(
    extra: readonly string[] = [],
    private readonly allowLoopback = false,
  ) {
    this.extra = extra.map((u) => new URL(u));
  }

  isAllowed(input: string | URL | null | undefined): boolean {
    const url = parse(input);
    if (!url || url.username || url.password) return false;
    if (this.allowLoopback && (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)) return true;
    for (const prefix of this.extra) {
      if (url.protocol === prefix.protocol && url.host === prefix.host && underPath(url.pathname, prefix.pathname)) return true;
    }
    if (url.protocol !== 'https:' || url.port) return false;
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    return TEAMS_SERVICE_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
  }
}

/** Is `path` the prefix's path or below it? `/teams` covers `/teams` and `/teams/…`, not `/teams-other/`. */
function underPath(path: string, prefix: string): boolean {
  if (prefix.endsWith('/')) return path.startsWith(prefix);
  return path === prefix || path.startsWith(`${prefix}/`);
}

function parse(input: string | URL | null | undefined): URL | undefined {
  if (!input) return undefined;
  try {
    return input instanceof URL ? input : new URL(input);
  } catch {
    return undefined;
  }
}

/** The origin (scheme, host, port) a stored or incoming service URL points at, for "same place?" comparisons. */
export function serviceOrigin(url: unknown): string | undefined {
  return typeof url === 'string' ? parse(url)?.origin.toLowerCase() : undefined;
}

/** Do two URLs share scheme, host and port? Undefined when either is not a URL. */
export function sameOrigin(a: string, b: string): boolean | undefined {
  const [x, y] = [parse(a), parse(b)];
  return x && y ? x.origin.toLowerCase() === y.origin.toLowerCase() : undefined;
}

/**
 * The tenant an activity comes from. Teams puts it in channelData.tenant.id and conversation.tenantId;
 * when both are present they must agree, or the activity names no tenant at all.
 */
export function tenantOf(a: { conversation?: { tenantId?: unknown }; channelData?: unknown }): string | undefined {
  const fromChannel = (a.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const fromConversation = a.conversation?.tenantId;
  const named = [fromChannel, fromConversation].filter((t) => t !== undefined && t !== null && t !== '');
  // A tenant field that is there but not a string (["<other tenant>"], {…}) names no tenant we can check.
  if (named.some((t) => typeof t !== 'string')) return undefined;
  const ids = (named as string[]).filter((t) => t.trim() !== '').map((t) => t.trim().toLowerCase());
  if (!ids.length) return undefined;
  if (ids.some((t) => t !== ids[0])) return undefined;
  return ids[0];
}

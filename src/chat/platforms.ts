/**
 * The chat platform registry: one line per platform. Everything else (the config schema's sections
 * and approver lists, digest channels, which platforms `cloudops start` turns on, the shared HTTP
 * server) is derived from it. How to add one: docs/architecture.md, "How to add a chat platform".
 *
 * The config schema imports this file, so descriptors stay light (zod and small checks only).
 */
import { consolePlatform } from './console/platform';
import type { ChatPlatform } from './platform';
import { slackPlatform } from './slack/platform';
import { teamsPlatform } from './teams/platform';

export const CHAT_PLATFORMS = {
  console: consolePlatform,
  slack: slackPlatform,
  teams: teamsPlatform,
} as const satisfies Record<string, ChatPlatform<any, any, any>>;

export type PlatformId = keyof typeof CHAT_PLATFORMS;
export const PLATFORM_IDS = Object.keys(CHAT_PLATFORMS) as [PlatformId, ...PlatformId[]];

type Registry = typeof CHAT_PLATFORMS;
/** What `enabled` returns for platform K: its checked settings. */
export type SettingsOf<K extends PlatformId> = Registry[K] extends ChatPlatform<any, infer S, any> ? S : never;
/** The adapter platform K starts. */
export type AdapterOf<K extends PlatformId> = Registry[K] extends ChatPlatform<any, any, infer A> ? A : never;
/** The config sections, by platform id (for the config schema). */
export type PlatformSections = { [K in PlatformId]: Registry[K]['configSection'] };

export function platformSections(): PlatformSections {
  return Object.fromEntries(PLATFORM_IDS.map((id) => [id, CHAT_PLATFORMS[id].configSection])) as PlatformSections;
}

export function chatPlatform(id: string): ChatPlatform<any, any, any> | undefined {
  return Object.hasOwn(CHAT_PLATFORMS, id) ? CHAT_PLATFORMS[id as PlatformId] : undefined;
}

/** Each platform's own note under the help card, by platform id. */
export function helpNotes(): Partial<Record<string, string>> {
  return Object.fromEntries(
    PLATFORM_IDS.flatMap((id) => {
      const note = (CHAT_PLATFORMS[id] as ChatPlatform).helpNote;
      return note ? [[id, note]] : [];
    }),
  );
}

/** Every platform's secret environment variables (for the config's "secrets never in this file" rule). */
export function platformSecretEnv(): string[] {
  return PLATFORM_IDS.flatMap((id) => [...(CHAT_PLATFORMS[id] as ChatPlatform).secretEnv]);
}

/** How to turn a platform on, for `cloudops start` on the console: "add a `slack:` or `teams:` section ..., or set SLACK_BOT_TOKEN". */
export function howToTurnOnPlatforms(): string {
  const startable = PLATFORM_IDS.map((id) => CHAT_PLATFORMS[id] as ChatPlatform).filter((p) => p.enabled);
  const envs = startable.flatMap((p) => (p.enableEnv ? [p.enableEnv] : []));
  return (
    `add a ${startable.map((p) => `\`${p.id}:\``).join(' or ')} section to the config` +
    `${envs.length ? `, or set ${envs.join(' or ')}` : ''}`
  );
}

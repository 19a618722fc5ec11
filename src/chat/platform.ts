/**
 * A chat platform as one registry element (Botkube's bots and Hubot's adapters, looked up by name):
 * everything the rest of the bot needs to know about a platform comes from here, so nothing outside
 * src/chat/<platform>/ names one. The registry itself is src/chat/platforms.ts.
 *
 * A descriptor is loaded by the config schema, so it must stay light: the platform's SDK (Bolt, the
 * Agents SDK) is `require`d inside `start`, never at the top of the descriptor's file.
 */
import type { z } from 'zod';
import type { ChatMessage } from '../core';
import type { ConversationState, Logger } from '../core';
import type { ChatAdapter, ChatHandler } from './ChatAdapter';
import type { HttpServer } from './HttpServer';
import type { BotThreads, SeenRequests } from './SeenRequests';
import type { ConversationReferenceStore } from './ConversationReferences';

/** The platform cannot start with this config and environment; main.ts turns it into a ConfigError. */
export class PlatformSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformSetupError';
  }
}

/** Where a platform wants the shared HTTP server to listen; `key` names the setting to change. */
export interface HttpAddress {
  port: number;
  host: string;
  key: string;
}

/** What main.ts hands a platform when it starts it. */
export interface PlatformDeps {
  /** The shared HTTP server, when any platform turned on needs one. */
  http?: HttpServer;
  /** Every id the approval policy lists for this platform (approval.approvers.*.<platform>). */
  approverIds: string[];
  /** The help card (with this platform's help note), for platforms that greet a new user (Teams' install welcome). */
  welcome: ChatMessage;
  /** Deliveries already handled, kept in the store (a replay after a restart is dropped too). */
  seen(): SeenRequests;
  /** Threads the bot spoke in, kept in the store: a plain reply there is followed on every replica. */
  botThreads?(): BotThreads;
  /** Conversation references for posting without an incoming event, kept in the store. */
  references(): ConversationReferenceStore;
  /** Conversation state kept in the store (Teams' file offers waiting for consent), shared by every replica. */
  state?(): ConversationState;
  handler: ChatHandler;
  log: Logger;
  sleep?: (ms: number) => Promise<void>;
  now: () => Date;
}

export interface StartedPlatform<A extends ChatAdapter = ChatAdapter> {
  adapter: A;
  /** Start-up lines ("Slack: HTTP receiver on /slack/events."). */
  banner: string[];
}

/**
 * One chat platform. `Section` is the parsed `<id>:` config section (undefined when the file has
 * none), `Settings` what `enabled` checked (secrets included: never logged), `A` its adapter.
 */
export interface ChatPlatform<S extends z.ZodType = z.ZodType, Settings = unknown, A extends ChatAdapter = ChatAdapter> {
  readonly id: string;
  /** Human name for messages ("Slack", "Microsoft Teams"). */
  readonly title: string;
  /** The `<id>:` section of the config file, with its `.optional()` or `.default()`. */
  readonly configSection: S;
  /** Environment variables holding its secrets: never read from the config file, never logged. */
  readonly secretEnv: readonly string[];
  /** An environment variable that turns the platform on without a config section (SLACK_BOT_TOKEN). */
  readonly enableEnv?: string;
  /** One entry of `approval.approvers.<set>.<id>`: the platform's user (or group) id format. */
  readonly approverId: z.ZodType<string, string>;
  /** A line under the help card on this platform only (the console's own typed controls). */
  readonly helpNote?: string;
  /** What a digest channel id looks like here: the problem with `id`, or undefined when it is fine. */
  channelProblem?(id: string): string | undefined;
  /**
   * Whether this config and environment turn the platform on, and its checked settings (tokens and
   * credentials from `env`). Throws PlatformSetupError when it is turned on but cannot start: checked
   * before anything is scanned or connects. Platforms without it (the console) are started elsewhere.
   */
  enabled?(section: z.output<S>, env: Record<string, string | undefined>): Settings | undefined;
  /** Where it needs the shared HTTP server, when it needs one with these settings. */
  listens?(settings: Settings): HttpAddress | undefined;
  /** Build the adapter (loading the platform's SDK now), mount it on `deps.http` if it serves HTTP, start it. */
  start?(settings: Settings, deps: PlatformDeps): Promise<StartedPlatform<A>>;
}

/** Declares a platform, keeping its exact types for the registry (and the config type derived from it). */
export function definePlatform<S extends z.ZodType, Settings, A extends ChatAdapter>(
  platform: ChatPlatform<S, Settings, A>,
): ChatPlatform<S, Settings, A> {
  return platform;
}

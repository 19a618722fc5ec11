export { type ChatAdapter, type ChatHandler, cutList } from './ChatAdapter';
export { ConsoleAdapter, type ConsoleOptions } from './console/ConsoleAdapter';
export { renderConsole } from './console/render';
export { HttpServer, type RouteHandler, type RouteOptions, type ServerPhase } from './HttpServer';
export { Lanes } from './Lanes';
export {
  CHAT_PLATFORMS,
  PLATFORM_IDS,
  chatPlatform,
  helpNotes,
  howToTurnOnPlatforms,
  platformSecretEnv,
  type AdapterOf,
  type PlatformId,
  type SettingsOf,
} from './platforms';
export {
  definePlatform,
  PlatformSetupError,
  type ChatPlatform,
  type HttpAddress,
  type PlatformDeps,
  type StartedPlatform,
} from './platform';
export type { ConversationReferenceStore } from './ConversationReferences';
export { MemorySeenRequests, SEEN_REQUEST_RETENTION_MS, type SeenRequests } from './SeenRequests';
/** Teams loads the Microsoft 365 Agents SDK (~0.7 s), so it is loaded only when the config enables it. */
export function loadTeams(): typeof import('./teams') {
  return require('./teams');
}
export type { TeamsAdapter, TeamsCredentials, AdaptiveCard } from './teams';

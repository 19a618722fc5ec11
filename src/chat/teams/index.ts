export { TeamsAdapter, UNAUTHENTICATED_NOTICE, type TeamsAdapterOptions } from './TeamsAdapter';
export { teamsSetup, type TeamsSettings, type TeamsSetup } from './setup';
export { ServiceUrlPolicy, TEAMS_SERVICE_HOSTS, tenantOf } from './trust';
export { MAX_BODY_BYTES } from './endpoint';
export { TeamsOutbox, NoConversationReferenceError, ServiceUrlRedirectError, type ConversationReferenceStore } from './TeamsOutbox';
export { teamsCredentialsFromEnv, TeamsCredentialError, APP_TYPES, type TeamsCredentials } from './credentials';
export {
  renderAdaptiveCard,
  type RenderOptions,
  renderNoticeOver,
  renderPrivateNotePlaceholder,
  cardBytes,
  CARD_BUDGET_BYTES,
  ADAPTIVE_CARD_CONTENT_TYPE,
  type AdaptiveCard,
} from './render';
export { cleanText, userOf, placeOf, splitConversationId } from './activity';
export { type CardActionResponse } from './InvokeTurn';

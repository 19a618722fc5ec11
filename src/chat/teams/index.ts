export { TeamsAdapter, type TeamsAdapterOptions } from './TeamsAdapter';
export { TeamsOutbox, NoConversationReferenceError, type ConversationReferenceStore } from './TeamsOutbox';
export { teamsCredentialsFromEnv, TeamsCredentialError, APP_TYPES, type TeamsCredentials } from './credentials';
export { renderAdaptiveCard, renderNoticeOver, renderPrivateNotePlaceholder, cardBytes, CARD_BUDGET_BYTES, ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from './render';
export { cleanText, userOf, placeOf, splitConversationId } from './activity';
export { type CardActionResponse } from './InvokeTurn';

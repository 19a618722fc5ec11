export { SlackAdapter, SlackStartError, type SlackAdapterOptions } from './SlackAdapter';
export { SlackSink } from './SlackSink';
export { renderBlockKit, LIMITS as BLOCK_KIT_LIMITS, type SlackMessage } from './render';
export { checkSlackTokens, type SlackMode, type SlackTokens, type TokenCheck } from './tokens';

export { type ChatAdapter, type ChatHandler, cutList } from './ChatAdapter';
export { ConsoleAdapter, type ConsoleOptions } from './console/ConsoleAdapter';
export { renderConsole } from './console/render';
export { HttpServer, type RouteHandler } from './HttpServer';

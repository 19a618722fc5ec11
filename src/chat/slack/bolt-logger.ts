import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core';

function text(parts: unknown[]): string {
  return parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
}

/** Bolt, its receivers and its WebClient log through the bot's structured logger. */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: (...m: unknown[]) => log.debug({ component: 'slack' }, text(m)),
    info: (...m: unknown[]) => log.info({ component: 'slack' }, text(m)),
    warn: (...m: unknown[]) => log.warn({ component: 'slack' }, text(m)),
    error: (...m: unknown[]) => log.error({ component: 'slack' }, text(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

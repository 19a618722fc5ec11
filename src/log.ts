import pino from 'pino';
import type { Logger } from './core/ports';

/**
 * Structured JSON logs on stderr (or another file descriptor, or a stream: the CLI run in-process by
 * tests logs to its captured standard error); secrets are redacted wherever they appear as keys.
 */
export function createLogger(level: string, destination: number | NodeJS.WritableStream = 2): Logger & pino.Logger {
  return pino(
    {
      level,
      base: { app: 'cloudops-bot' },
      redact: {
        paths: [
          '*.token',
          '*.botToken',
          '*.appToken',
          '*.signingSecret',
          '*.password',
          '*.secretAccessKey',
          '*.sessionToken',
          'headers.authorization',
          '*.headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination,
  );
}

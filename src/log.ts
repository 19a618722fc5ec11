import pino from 'pino';
import type { Logger } from './core/ports';

/** Structured JSON logs on stderr; secrets are redacted wherever they appear as keys. */
export function createLogger(level: string, destination: number = 2): Logger & pino.Logger {
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
    pino.destination({ fd: destination, sync: true }),
  );
}

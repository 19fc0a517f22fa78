import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON lines on stdout. Secrets are redacted by path wherever they could appear. */
export function createLogger(level: string, name = 'facturaxpress'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'req.headers["x-api-key"]',
        'req.headers.authorization',
        '*.password',
        '*.apiKey',
        '*.secret',
        '*.privateKey',
      ],
      censor: '[redacted]',
    },
  });
}

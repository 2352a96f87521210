import pino from 'pino';
import { serializeError } from './error-serializer';

/** The one logger type of ShopMesh. */
export type Logger = pino.Logger;

/** Fields that carry personal data or secrets; never written to a log, at whatever depth up to three levels. */
export const REDACTED_FIELDS = [
  'password',
  'cardNumber',
  'cvc',
  'email',
  'authorization',
  'cookie',
  'line1',
  'line2',
  'postalCode',
  'city',
  'region',
  'refreshToken',
  'accessToken',
];

const REDACT_PATHS = REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`]);

/**
 * Creates the process logger: one JSON object per line, with `service` naming the service, personal
 * fields ({@link REDACTED_FIELDS}) replaced by `[redacted]`, database errors logged by their code and
 * statement shape, never the values bound to it. The embedded host, which runs them all,
 * leaves `name` out and gives each service a `child({ service })`.
 */
export function createLogger(options: { name?: string; level?: string }, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: options.name ? { service: options.name } : {},
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // Errors logged as `err` (the convention everywhere): database errors without their values.
      serializers: { err: serializeError },
    },
    ...(destination ? [destination] : []),
  );
}

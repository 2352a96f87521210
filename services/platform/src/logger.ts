import pino from 'pino';

/** The one logger type of ShopMesh. */
export type Logger = pino.Logger;

/** Creates the process logger; `pretty` is not used so logs stay one JSON object per line. */
export function createLogger(options: { name: string; level?: string }): Logger {
  return pino({ name: options.name, level: options.level ?? 'info', base: { service: options.name } });
}

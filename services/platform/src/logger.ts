import pino from 'pino';

/** The one logger type of ShopMesh. */
export type Logger = pino.Logger;

/**
 * Creates the process logger: one JSON object per line, `service` naming the service (children made
 * with `child({ service })` in the embedded host override it rather than repeat it).
 */
export function createLogger(options: { name: string; level?: string }): Logger {
  return pino({ level: options.level ?? 'info', base: { service: options.name } });
}

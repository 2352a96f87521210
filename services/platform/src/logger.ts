import pino from 'pino';

/** The one logger type of ShopMesh. */
export type Logger = pino.Logger;

/**
 * Creates the process logger: one JSON object per line, with `service` naming the service. The
 * embedded host, which runs them all, leaves `name` out and gives each service a `child({ service })`.
 */
export function createLogger(options: { name?: string; level?: string }, destination?: pino.DestinationStream): Logger {
  const settings = { level: options.level ?? 'info', base: options.name ? { service: options.name } : {} };
  return destination ? pino(settings, destination) : pino(settings);
}

import type { Server, ServerResponse } from 'node:http';
import type { Logger } from './logger';

/**
 * Closes gracefully on SIGTERM/SIGINT (Kubernetes sends SIGTERM, then SIGKILL after the grace period):
 * stop taking work, finish what is in flight, close connections. A second signal exits at once.
 */
export function closeOnSignals(logger: Logger, close: () => Promise<void>): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1);
    closing = true;
    logger.info({ signal }, 'shutting down');
    close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

/** Stops accepting, lets requests in flight finish for `graceMs`, then cuts what is left. */
export async function closeServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  cut.unref();
  await closed;
  clearTimeout(cut);
}

/**
 * Keeps serving for `ms` after shutdown began, while callers catch up with it (a Service's endpoints,
 * daprd's cache of a callee's addresses). Every response in that time closes its connection, so when
 * the server closes at the end no client is left holding a keep-alive socket it is about to reuse.
 */
export async function drainServer(server: Server, ms: number): Promise<void> {
  if (ms <= 0) return;
  server.prependListener('request', (_req, res: ServerResponse) => res.setHeader('connection', 'close'));
  await new Promise((resolve) => setTimeout(resolve, ms));
}

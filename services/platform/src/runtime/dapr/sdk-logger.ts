import { LogLevel, type LoggerOptions } from '@dapr/dapr';
import type { Logger } from '../../logger';

/**
 * Routes the Dapr SDK's own log lines into the service's pino logger (the SDK otherwise writes to the
 * console). `verbose` and `debug` both map to pino's debug.
 */
export function daprSdkLogger(logger: Logger): LoggerOptions {
  const log = logger.child({ component: 'dapr-sdk' });
  const line = (message: unknown, rest: unknown[]): string => [message, ...rest].map(String).join(' ');
  return {
    level: LogLevel.Info,
    service: {
      error: (message, ...rest) => log.error(line(message, rest)),
      warn: (message, ...rest) => log.warn(line(message, rest)),
      info: (message, ...rest) => log.info(line(message, rest)),
      verbose: (message, ...rest) => log.debug(line(message, rest)),
      debug: (message, ...rest) => log.debug(line(message, rest)),
    },
  };
}

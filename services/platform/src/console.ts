/* eslint-disable no-console -- this module is where console output is rerouted into the logger */
import { format } from 'node:util';
import type { Logger } from './logger';

/**
 * durabletask-js (the workflow executors both runtimes use) writes every replay step to the console
 * and takes no logger. Process entries call this so those lines join the JSON log at debug level
 * instead of interleaving raw text with it; warnings and errors stay at their levels.
 */
export function routeConsoleToLogger(logger: Logger): void {
  const log = logger.child({ component: 'console' });
  console.log = (...args: unknown[]) => log.debug(format(...args));
  console.info = (...args: unknown[]) => log.debug(format(...args));
  console.debug = (...args: unknown[]) => log.debug(format(...args));
  console.warn = (...args: unknown[]) => log.warn(format(...args));
  console.error = (...args: unknown[]) => log.error(format(...args));
}

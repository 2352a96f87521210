import { createLogger, routeConsoleToLogger, serveHostedService } from '@shopmesh/platform';
import { loadService } from './service-loaders';

/** One service of `npm start -- --processes`, started by the parent with its part of the shop. */
const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'info' });
routeConsoleToLogger(logger);
void serveHostedService(loadService, process.env, logger);

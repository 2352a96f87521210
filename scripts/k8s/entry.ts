/**
 * The container entry of the one ShopMesh image (Dockerfile, charts/shopmesh):
 *   entry.ts [SERVICE]           runs services/SERVICE/src/main.ts (SERVICE defaults to $SHOPMESH_SERVICE)
 *   entry.ts migrate [SERVICE]   applies SERVICE's migrations to its database, then exits (the chart's init step)
 * Node is PID 1 in the container, where a signal without a handler is ignored: until the service has
 * installed its own graceful SIGTERM handler (platform/src/shutdown.ts), a SIGTERM exits at once.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, openServiceDatabase, type ServiceDefinition } from '@shopmesh/platform';

const root = join(__dirname, '..', '..');

function exitEarly(signal: NodeJS.Signals): void {
  // Another listener is the service's own graceful shutdown: it decides when to exit.
  if (process.listenerCount(signal) > 1) return;
  process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
}
process.on('SIGTERM', exitEarly);
process.on('SIGINT', exitEarly);

function fail(message: string): never {
  process.stderr.write(`shopmesh entry: ${message}\n`);
  process.exit(64);
}

function serviceName(arg: string | undefined): string {
  const name = arg ?? process.env.SHOPMESH_SERVICE;
  if (!name) fail('name the service to run: SHOPMESH_SERVICE=<name> or the first argument');
  if (!/^[a-z][a-z0-9-]*$/.test(name) || !existsSync(join(root, 'services', name, 'src', 'main.ts'))) {
    fail(`no service "${name}" in this image (services/${name}/src/main.ts does not exist)`);
  }
  return name;
}

function isDefinition(value: unknown, name: string): value is ServiceDefinition {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === name && 'create' in value;
}

async function migrate(name: string): Promise<void> {
  const logger = createLogger({ name, level: process.env.LOG_LEVEL ?? 'info' });
  const exports = (await import(`@shopmesh/${name}`)) as Record<string, unknown>;
  const definition = Object.values(exports).find((v): v is ServiceDefinition => isDefinition(v, name));
  if (!definition) fail(`@shopmesh/${name} exports no service definition named "${name}"`);
  if (!definition.database) {
    logger.info(`${name} has no database: nothing to migrate`);
    return;
  }
  const url = process.env[`DATABASE_URL_${name.toUpperCase()}`] ?? process.env.DATABASE_URL;
  if (!url) fail(`DATABASE_URL_${name.toUpperCase()} or DATABASE_URL is required to migrate ${name}`);
  const orm = await openServiceDatabase(definition.database, { url, schema: name }, logger);
  await orm.close();
  logger.info(`${name} migrations applied`);
}

async function main(): Promise<void> {
  const [command, arg] = process.argv.slice(2);
  if (command === 'migrate') {
    await migrate(serviceName(arg));
    process.exit(0);
  }
  await import(join(root, 'services', serviceName(command), 'src', 'main.ts'));
}

main().catch((err: unknown) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err)));

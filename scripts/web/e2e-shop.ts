/**
 * The shop the browser tier drives (web/e2e/shop.ts starts it): the embedded host `npm start` runs, with
 * every service, seeded, on a fresh data folder, serving the storefront build, plus a test control port
 * that `npm start` never opens. Through it a journey publishes an event on a service's bus exactly as
 * that service's runtime would, which is how the ops journey produces a real dead letter: the shop's
 * own flows never strand one, and the bus's tables sit inside the shop's embedded database.
 *
 * Control port (127.0.0.1 only, a free port, announced on stdout as `E2E control: <url>`):
 *   POST /publish {app, topic, data, id?} -> 202; the event goes through `app`'s runtime pub/sub.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { APP_IDS, closeOnSignals, createLogger, env, loadConfig, routeConsoleToLogger, startEmbeddedHost, startEmbeddedPostgres } from '@shopmesh/platform';
import { loadAllServices } from '@shopmesh/shop';

const E2eEnv = z.object({
  PORT: env.port(8080),
  MANAGEMENT_PORT: env.port(0),
  SHOPMESH_DATA_DIR: z.string().min(1),
  LOG_LEVEL: z.string().default('warn'),
});

const Publish = z.object({ app: z.enum(APP_IDS), topic: z.string().min(1), data: z.record(z.string(), z.unknown()), id: z.string().min(1).optional() });

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

async function main(): Promise<void> {
  const settings = loadConfig(E2eEnv, process.env);
  const logger = createLogger({ level: settings.LOG_LEVEL });
  routeConsoleToLogger(logger);
  const database = await startEmbeddedPostgres({ dataDir: join(settings.SHOPMESH_DATA_DIR, 'postgres') });
  const host = await startEmbeddedHost({
    services: await loadAllServices(),
    databaseUrl: database.url,
    ports: { gateway: settings.PORT },
    managementPort: settings.MANAGEMENT_PORT,
    env: process.env,
    seed: true,
    logger,
  });

  const control = createServer((req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/publish') return answer(404, { error: 'only POST /publish' });
    readJson(req)
      .then(async (body) => {
        const parsed = Publish.safeParse(body);
        if (!parsed.success) return answer(400, { error: parsed.error.message });
        const service = host.services.get(parsed.data.app);
        if (!service) return answer(404, { error: `no service ${parsed.data.app}` });
        await service.runtime.pubsub.publish(parsed.data.topic, parsed.data.data, parsed.data.id ? { id: parsed.data.id } : {});
        answer(202, { published: true });
      })
      .catch((err: unknown) => answer(500, { error: String(err) }));
  });
  await new Promise<void>((res) => control.listen(0, '127.0.0.1', res));
  const controlPort = (control.address() as AddressInfo).port;

  process.stdout.write(`E2E control: http://127.0.0.1:${controlPort}\nShopMesh is ready at http://localhost:${settings.PORT}/\n`);
  closeOnSignals(logger, async () => {
    await new Promise((res) => control.close(res));
    await host.close();
    await database.close();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`the browser tier's shop failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

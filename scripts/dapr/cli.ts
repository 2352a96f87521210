// The real-Dapr stack's supervisor (`npm run start:dapr`) and its controls.
//
//   node --import tsx scripts/dapr/cli.ts up [--fresh]   # start everything, stay in the foreground; Ctrl-C/SIGTERM stops it all
//   node --import tsx scripts/dapr/cli.ts start [--fresh] # start everything and return (test:dapr)
//   node --import tsx scripts/dapr/cli.ts stop            # stop everything the stack started
//   node --import tsx scripts/dapr/cli.ts status
//   node --import tsx scripts/dapr/cli.ts kill PROCESS    # kill -9: a service (orders), a sidecar (orders-daprd) or kafka
//   node --import tsx scripts/dapr/cli.ts restart PROCESS # kill -9, start again, wait until healthy
//
// --fresh empties the service databases, the Dapr state and the workflow schedules first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APP_NAMES,
  APPS,
  LOGS,
  REPO,
  gatewayUrl,
  killKafka,
  killProcess,
  log,
  restartProcess,
  stackStatus,
  startKafka,
  startStack,
  stopStack,
  type ProcessName,
} from './stack';

function versions(): string {
  const script = (name: string) => readFileSync(join(REPO, 'scripts', 'provision', name), 'utf8');
  const dapr = /DAPR_VERSION="\$\{DAPR_VERSION:-([^}]+)\}"/.exec(script('dapr.sh'))?.[1];
  const kafka = /KAFKA_VERSION="\$\{KAFKA_VERSION:-([^}]+)\}"/.exec(script('kafka.sh'))?.[1];
  return `daprd ${process.env.DAPR_VERSION ?? dapr}, Kafka ${process.env.KAFKA_VERSION ?? kafka}`;
}

function summary(seconds: string): string {
  return [
    '',
    `ShopMesh is ready in ${seconds}s (dapr runtime: ${versions()}, Redis 127.0.0.1:6390, PostgreSQL 127.0.0.1:5440).`,
    `  API:        ${gatewayUrl()}/api/v1/products`,
    `  OpenAPI:    ${gatewayUrl()}/api/openapi.json`,
    '  Services:   app / daprd http / grpc / metrics',
    ...APPS.map((a) => `    ${a.name.padEnd(14)} ${a.appPort} / ${a.daprHttpPort} / ${a.daprGrpcPort} / ${a.metricsPort}`),
    `  Logs:       ${LOGS}`,
    '  Sign in as customer@example.com / Customer@123 (see README for the checkout walk-through).',
    '',
  ].join('\n');
}

function processName(arg: string | undefined): ProcessName | 'kafka' {
  const names = [...APP_NAMES, ...APP_NAMES.map((n) => `${n}-daprd`), 'kafka'];
  if (!arg || !names.includes(arg)) throw new Error(`name one of: ${names.join(' ')}`);
  return arg as ProcessName | 'kafka';
}

async function start(fresh: boolean, abort?: AbortSignal): Promise<boolean> {
  const started = Date.now();
  try {
    await startStack({ fresh, ...(abort ? { abort } : {}) });
  } catch (err) {
    if (!abort?.aborted) log(`start failed: ${err instanceof Error ? err.message : String(err)}`);
    log('stopping what was started');
    await stopStack();
    log('stopped');
    return false;
  }
  process.stdout.write(summary(((Date.now() - started) / 1000).toFixed(1)));
  return true;
}

/**
 * Foreground: the stack lives as long as this process. A signal stops it in order (one that arrives
 * while it starts cuts the start short first); a signal repeated after a few seconds kills the services
 * and sidecars at once. Signals within those seconds count as one: `npm run` forwards the terminal's
 * Ctrl-C, which the terminal also sends to the whole process group.
 */
async function up(fresh: boolean): Promise<void> {
  const abort = new AbortController();
  let firstSignalAt = 0;
  let ready = false;
  const stop = () =>
    stopStack()
      .then(() => {
        log('stopped');
        process.exit(0);
      })
      .catch((err: unknown) => {
        log(`stop failed: ${String(err)}`);
        process.exit(1);
      });
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt) {
      if (Date.now() - firstSignalAt < 3000) return;
      log(`${signal} again: killing the services and sidecars`);
      void Promise.all(APP_NAMES.flatMap((n) => [killProcess(n), killProcess(`${n}-daprd`)])).then(() => process.exit(1));
      return;
    }
    firstSignalAt = Date.now();
    log(`${signal}: stopping the stack`);
    if (ready) void stop();
    else abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (!(await start(fresh, abort.signal))) process.exit(abort.signal.aborted ? 0 : 1);
  ready = true;
  if (abort.signal.aborted) return void stop();
  process.stdout.write('  Ctrl-C stops everything.\n');
  // Keeps the event loop alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
}

async function main(): Promise<void> {
  const [command = 'up', arg] = process.argv.slice(2);
  const fresh = process.argv.includes('--fresh');
  switch (command) {
    case 'up':
      return up(fresh);
    case 'start':
      if (!(await start(fresh))) process.exit(1);
      return;
    case 'stop':
      await stopStack();
      log('stopped');
      return;
    case 'status':
      process.stdout.write(`${(await stackStatus()).join('\n')}\n`);
      return;
    case 'kill': {
      const name = processName(arg);
      await (name === 'kafka' ? killKafka() : killProcess(name));
      log(`killed ${name}`);
      return;
    }
    case 'restart': {
      const name = processName(arg);
      const started = Date.now();
      if (name === 'kafka') {
        await killKafka();
        await startKafka();
      } else {
        await restartProcess(name);
      }
      log(`${name} killed and healthy again in ${((Date.now() - started) / 1000).toFixed(1)}s`);
      return;
    }
    default:
      throw new Error(`unknown command ${command}; use up|start|stop|status|kill|restart`);
  }
}

main().catch((err: unknown) => {
  log(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

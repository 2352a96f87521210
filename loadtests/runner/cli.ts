import { runScript } from './run';

const USAGE = 'usage: node --import tsx loadtests/runner/cli.ts <script.js> [-e KEY=VALUE]... [--vus N] [--iterations N]';

/**
 * Runs a k6 script in Node as a short smoke (`k6 run` for scripts that use k6, k6/http, k6/metrics and
 * k6/execution): exit 0 when every threshold holds, 99 on a breach (as k6), 1 when an iteration threw.
 */
async function main(argv: string[]): Promise<number> {
  const env: Record<string, string> = {};
  let script: string | undefined;
  let maxVus = 2;
  let iterationsPerVu = 2;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = () => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return value;
    };
    if (arg === '-e' || arg === '--env') {
      const pair = next();
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`-e takes KEY=VALUE, got "${pair}"`);
      env[pair.slice(0, at)] = pair.slice(at + 1);
    } else if (arg === '--vus') maxVus = Number(next());
    else if (arg === '--iterations') iterationsPerVu = Number(next());
    else if (!arg.startsWith('-') && script === undefined) script = arg;
    else throw new Error(`unknown argument "${arg}"\n${USAGE}`);
  }
  if (!script) throw new Error(USAGE);
  if (!(maxVus >= 1 && iterationsPerVu >= 1)) throw new Error('--vus and --iterations must be at least 1');
  const result = await runScript({ script, env, maxVus, iterationsPerVu, out: (line) => process.stdout.write(`${line}\n`) });
  return result.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

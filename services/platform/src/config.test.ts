import { z } from 'zod';
import { env, loadConfig } from './config';

const Schema = z.object({
  DATABASE_URL: z.string().min(1),
  PORT: env.port(3000),
  SEED: env.bool(false),
  TTL_SECONDS: env.int(60),
});

function failure(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('when every key is valid, then the parsed config is returned with defaults filled in', () => {
    const config = loadConfig(Schema, { DATABASE_URL: 'postgres://db/shop' });

    expect(config).toEqual({ DATABASE_URL: 'postgres://db/shop', PORT: 3000, SEED: false, TTL_SECONDS: 60 });
  });

  it('when strings are given, then they are coerced to numbers and booleans', () => {
    const config = loadConfig(Schema, { DATABASE_URL: 'x', PORT: '8080', SEED: '1', TTL_SECONDS: '900' });

    expect(config).toMatchObject({ PORT: 8080, SEED: true, TTL_SECONDS: 900 });
  });

  it('when a required key is missing, then it fails naming the key', () => {
    const message = failure(() => loadConfig(Schema, {}));

    expect(message).toMatch(/^Invalid configuration:/);
    expect(message).toContain('DATABASE_URL');
  });

  it('when several keys are invalid, then every one of them is named', () => {
    const message = failure(() => loadConfig(Schema, { PORT: '70000', SEED: 'yes', TTL_SECONDS: 'soon' }));

    for (const key of ['DATABASE_URL', 'PORT', 'SEED', 'TTL_SECONDS']) expect(message).toContain(`  ${key}:`);
  });
});

describe('env helpers', () => {
  it('when a bool is "true" or "1", then it is true; "false" or "0" is false', () => {
    const flag = env.bool(true);

    expect(['true', '1', 'false', '0', undefined].map((v) => flag.parse(v))).toEqual([true, true, false, false, true]);
  });

  it('when a port is out of range or not an integer, then it is rejected', () => {
    const port = env.port(3000);

    expect([port.safeParse('-1').success, port.safeParse('65536').success, port.safeParse('80.5').success]).toEqual([false, false, false]);
    expect(port.parse('65535')).toBe(65535);
  });
});

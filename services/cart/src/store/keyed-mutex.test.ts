import { createKeyedMutex } from './keyed-mutex';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('keyed mutex', () => {
  it('when work runs on one key, then each piece starts only after the previous one finished', async () => {
    const mutex = createKeyedMutex();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`${name}:start`);
      await tick();
      log.push(`${name}:end`);
    };

    await Promise.all([mutex.run('a', job('1')), mutex.run('a', job('2')), mutex.run('a', job('3'))]);

    expect(log).toEqual(['1:start', '1:end', '2:start', '2:end', '3:start', '3:end']);
  });

  it('when work runs on different keys, then it overlaps', async () => {
    const mutex = createKeyedMutex();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`${name}:start`);
      await tick();
      log.push(`${name}:end`);
    };

    await Promise.all([mutex.run('a', job('a')), mutex.run('b', job('b'))]);

    expect(log.slice(0, 2)).toEqual(['a:start', 'b:start']);
  });

  it('when a piece of work fails, then the next one still runs', async () => {
    const mutex = createKeyedMutex();

    const failed = mutex.run('a', async () => {
      throw new Error('boom');
    });
    const next = mutex.run('a', async () => 'ran');

    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});

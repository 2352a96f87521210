import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { testDatabaseUrl, eventually } from '@shopmesh/platform/testing';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the multi-process host when its parent dies', () => {
  it('when the parent is killed with SIGKILL, then its service processes shut down instead of living on as orphans', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures/process-host-parent.ts')], {
      env: { ...process.env, TEST_DATABASE_URL: testDatabaseUrl(), TEST_SCHEMA_SUFFIX: `_o${randomBytes(4).toString('hex')}` },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const { pid } = await new Promise<{ pid: number }>((resolve, reject) => {
      parent.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as { pid: number }));
      parent.once('exit', (code) => reject(new Error(`the parent exited with ${code} before its service started`)));
    });
    expect(alive(pid)).toBe(true);

    parent.kill('SIGKILL');

    try {
      await eventually(() => !alive(pid), { what: `service process ${pid} to exit`, timeoutMs: 60_000 });
    } finally {
      // A survivor holds this test's stdout pipe open; it must not outlive a failed run either.
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  }, 180_000);
});

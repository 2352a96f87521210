import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { drainServer } from './shutdown';

/** One GET on a keep-alive agent; resolves with the response's Connection header. */
function get(server: Server): Promise<string | undefined> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/', headers: { connection: 'keep-alive' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.headers.connection));
    })
      .on('error', reject)
      .end();
  });
}

describe('drainServer', () => {
  let server: Server;

  beforeEach(async () => {
    server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('when the server is draining, then it still answers and every answer closes its connection', async () => {
    expect(await get(server)).toBe('keep-alive');

    const drained = drainServer(server, 50);
    expect(await get(server)).toBe('close');
    await drained;
    expect(await get(server)).toBe('close');
  });

  it('when the drain has begun, then it ends only once its time has passed', async () => {
    // Only setTimeout is faked: the server and the client keep their real sockets and timers.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance', 'Date'] });
    try {
      let ended = false;
      const drained = drainServer(server, 30_000).then(() => (ended = true));
      expect(await get(server)).toBe('close');
      jest.advanceTimersByTime(29_999);
      await new Promise((resolve) => setImmediate(resolve));
      expect(ended).toBe(false);

      jest.advanceTimersByTime(1);
      await drained;
      expect(ended).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('when the drain is zero, then nothing changes', async () => {
    await drainServer(server, 0);
    expect(await get(server)).toBe('keep-alive');
  });
});

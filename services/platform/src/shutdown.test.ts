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

  it('when the drain is zero, then nothing changes', async () => {
    await drainServer(server, 0);
    expect(await get(server)).toBe('keep-alive');
  });
});

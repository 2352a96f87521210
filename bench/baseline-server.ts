import Koa from 'koa';

/**
 * The bench's baseline: a bare Koa hello-world in a process of its own, the best a Koa service can do
 * on this machine. Prints its port on stdout.
 */
const app = new Koa();
app.use((ctx) => {
  ctx.body = { hello: 'world' };
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : ''}\n`);
});
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));

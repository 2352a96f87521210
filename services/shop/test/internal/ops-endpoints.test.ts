import request from 'supertest';
import { gatewayService } from '@shopmesh/gateway';
import { identityService } from '@shopmesh/identity';
import { startTestShop, type TestShop } from '@shopmesh/platform/testing';

/** The host's management port, beside the services' public ports: a host concern, so tested on a host. */
describe('ops endpoints of a host', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startTestShop([identityService, gatewayService]);
  });
  afterAll(() => shop?.close());

  it.each(['/healthz', '/readyz', '/metrics'])('when %s is asked on the public port, then it is a 404; the management port answers it', async (path) => {
    const publicAnswer = await request(shop.url('gateway')).get(path);
    const managementAnswer = await request(shop.host.managementUrl).get(path);

    expect(publicAnswer.status).toBe(404);
    expect(managementAnswer.status).toBe(200);
  });

  it('when the management port is scraped, then the gateway and identity request metrics are both in it', async () => {
    await request(shop.url('gateway')).get('/api/v1/auth/jwks').expect(200);

    const res = await request(shop.host.managementUrl).get('/metrics');

    expect(res.text).toMatch(/http_server_request_duration_seconds_count\{[^}]*service="gateway"/);
    expect(res.text).toMatch(/http_server_request_duration_seconds_count\{[^}]*service="identity"/);
  });
});

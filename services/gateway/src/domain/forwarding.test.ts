import { forwardedRequestHeaders, returnedResponseHeaders } from './forwarding';

describe('header forwarding', () => {
  it('when a request is forwarded, then only the allowed headers go along, with this hop’s request id and trace', () => {
    const out = forwardedRequestHeaders(
      { authorization: 'Bearer t', 'content-type': 'application/json', 'idempotency-key': 'k', 'if-match': '"e"', cookie: 'c=1', host: 'x' },
      { requestId: 'r1', traceparent: '00-abc-def-01' },
    );

    expect(out).toEqual({
      authorization: 'Bearer t',
      'content-type': 'application/json',
      'idempotency-key': 'k',
      'if-match': '"e"',
      'x-request-id': 'r1',
      traceparent: '00-abc-def-01',
    });
  });

  it('when a client sends its own x-client-ip, then it is dropped and the address the gateway determined goes instead', () => {
    const out = forwardedRequestHeaders({ 'x-client-ip': '10.0.0.1' }, { requestId: 'r1', traceparent: '00-abc-def-01' }, '203.0.113.9');

    expect(out['x-client-ip']).toBe('203.0.113.9');
  });

  it('when a response comes back, then only the allowed headers are returned', () => {
    const out = returnedResponseHeaders({
      etag: '"1"',
      'retry-after': '3',
      location: '/x',
      'content-type': 'application/json',
      'set-cookie': 'a',
      server: 'x',
    });

    expect(out).toEqual({ etag: '"1"', 'retry-after': '3', location: '/x', 'content-type': 'application/json' });
  });
});

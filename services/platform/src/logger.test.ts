import { createLogger } from './logger';

describe('logger redaction', () => {
  it('when a log line carries passwords, card data, e-mails, tokens or address fields, then they are written as [redacted]', () => {
    const lines: string[] = [];
    const logger = createLogger({ name: 'test' }, { write: (line: string) => void lines.push(line) });

    logger.info(
      {
        body: { email: 'ada@example.com', password: 'Sup3r-secret', payment: { cardNumber: '4242424242424242', cvc: '123' } },
        req: { headers: { authorization: 'Bearer abc' } },
        shippingAddress: { name: 'Ada', line1: '12 Analytical Row', postalCode: 'N1 9GU', city: 'London', country: 'GB' },
      },
      'request',
    );

    const text = lines.join('');
    for (const secret of ['ada@example.com', 'Sup3r-secret', '4242424242424242', '"123"', 'Bearer abc', '12 Analytical Row', 'N1 9GU', 'London']) {
      expect(text).not.toContain(secret);
    }
    expect(JSON.parse(text).shippingAddress).toMatchObject({ line1: '[redacted]', country: 'GB' });
  });
});

import { Address, text } from './common';
import { Email, RegisterRequest } from './auth';
import { PlaceOrderRequest } from './orders';

const address = { name: 'Ada', line1: '1 Row', city: 'London', postalCode: 'N1', country: 'GB' };

describe('text fields', () => {
  it('when a string holds a NUL or an unpaired surrogate, then it is refused; a proper pair (emoji) passes', () => {
    expect(text().safeParse('a\u0000b').success).toBe(false);
    expect(text().safeParse('lone \uD83D high').success).toBe(false);
    expect(text().safeParse('lone \uDE00 low').success).toBe(false);
    expect(text().safeParse('reversed \uDE00\uD83D').success).toBe(false);
    expect(text().safeParse('smile \uD83D\uDE00 ok').success).toBe(true);
  });

  it('when an address or a nested body field holds one, then the issue names that field', () => {
    const name = Address.safeParse({ ...address, name: 'Ada\u0000' });
    const line1 = PlaceOrderRequest.safeParse({
      shippingAddress: { ...address, line1: '\uD800 Row' },
      payment: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' },
    });
    const password = RegisterRequest.safeParse({ email: 'a@example.com', password: 'secret\u0000secret', name: 'A' });

    expect(name.error?.issues.map((i) => i.path.join('.'))).toEqual(['name']);
    expect(line1.error?.issues.map((i) => i.path.join('.'))).toEqual(['shippingAddress.line1']);
    expect(password.error?.issues.map((i) => i.path.join('.'))).toEqual(['password']);
  });
});

describe('Email', () => {
  it('when the part before @ is longer than 64 characters, then it is refused (RFC 5321); 64 is fine', () => {
    expect(Email.safeParse(`${'a'.repeat(65)}@example.com`).success).toBe(false);
    expect(Email.parse(`${'A'.repeat(64)}@Example.com`)).toBe(`${'a'.repeat(64)}@example.com`);
  });
});

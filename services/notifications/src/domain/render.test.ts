import { formatMoney, renderNotification, renderOrderConfirmedEmail } from './render';

const ORDER = 'a1b2c3d4-0000-4000-8000-000000000001';
const USER = '00000000-0000-4000-8000-0000000000b1';
const line = (quantity: number, amount: number, name = 'Desk lamp') => ({
  productId: '00000000-0000-4000-8000-000000000001',
  sellerId: '00000000-0000-4000-8000-000000000002',
  name,
  quantity,
  unitPrice: { amount, currency: 'USD' },
});

describe('money format', () => {
  it.each([
    [{ amount: 123456, currency: 'USD' }, '$1,234.56'],
    [{ amount: 5, currency: 'EUR' }, '€0.05'],
    [{ amount: 1500, currency: 'JPY' }, '¥1,500'],
  ])('when the amount is %j, then it reads %s', (money, text) => expect(formatMoney(money)).toBe(text));
});

describe('notification rendering', () => {
  it('when an order is placed, then the shopper reads its reference, unit count and total, and data links the order', () => {
    const n = renderNotification({
      kind: 'order-placed',
      data: { orderId: ORDER, userId: USER, total: { amount: 4500, currency: 'USD' }, items: [line(2, 1500), line(1, 1500)] },
    });

    expect(n).toEqual({
      kind: 'order-placed',
      title: 'Order #A1B2C3D4 received',
      body: 'We received your order of 3 items totalling $45.00 and are processing it.',
      data: { orderId: ORDER, total: { amount: 4500, currency: 'USD' } },
    });
  });

  it('when an order of one unit is confirmed, then the body says 1 item', () => {
    const n = renderNotification({
      kind: 'order-confirmed',
      data: { orderId: ORDER, userId: USER, total: { amount: 999, currency: 'USD' }, items: [line(1, 999)] },
    });

    expect(n.title).toBe('Order #A1B2C3D4 confirmed');
    expect(n.body).toBe('Your order of 1 item totalling $9.99 is confirmed.');
  });

  it('when an order is cancelled, then the reason is given', () => {
    const n = renderNotification({ kind: 'order-cancelled', data: { orderId: ORDER, userId: USER, reason: 'payment declined' } });

    expect(n).toMatchObject({
      title: 'Order #A1B2C3D4 cancelled',
      body: 'Your order was cancelled: payment declined.',
      data: { orderId: ORDER, reason: 'payment declined' },
    });
  });

  it('when a product is reviewed, then its seller reads the stars, product, author and title, and data links the product', () => {
    const n = renderNotification({
      kind: 'review-posted',
      data: {
        reviewId: '00000000-0000-4000-8000-0000000000c1',
        productId: '00000000-0000-4000-8000-000000000001',
        productName: 'Desk lamp',
        sellerId: '00000000-0000-4000-8000-000000000002',
        rating: 4,
        title: 'Bright <and> warm',
        authorName: 'Ada',
      },
    });

    expect(n).toEqual({
      kind: 'review-posted',
      title: 'New 4-star review of Desk lamp',
      body: 'Ada wrote “Bright <and> warm”.',
      data: { productId: '00000000-0000-4000-8000-000000000001', reviewId: '00000000-0000-4000-8000-0000000000c1', rating: 4 },
    });
  });

  it('when an order ships, then the shopper is told it is on its way', () => {
    expect(renderNotification({ kind: 'order-shipped', data: { orderId: ORDER, userId: USER } }).body).toBe('Your order is on its way.');
  });

  it.each([
    ['insufficient_funds', 'We could not take the payment: the card has insufficient funds.'],
    ['card_declined', 'We could not take the payment: the card was declined.'],
    ['processor_offline', 'We could not take the payment: processor offline.'],
  ])('when a payment fails with %s, then the reason reads as words', (reason, body) => {
    expect(renderNotification({ kind: 'payment-failed', data: { orderId: ORDER, reason } }).body).toBe(body);
  });

  it('when a seller registers, then the welcome points to the seller portal', () => {
    const n = renderNotification({ kind: 'welcome', data: { userId: USER, email: 's@example.com', name: 'Sam', role: 'seller' } });

    expect(n.title).toBe('Welcome to ShopMesh, Sam!');
    expect(n.body).toContain('seller portal');
  });

  it('when an order is confirmed, then the email lists each line and the total', () => {
    const email = renderOrderConfirmedEmail({ orderId: ORDER, userId: USER, total: { amount: 3998, currency: 'USD' }, items: [line(2, 1999, 'Mug')] });

    expect(email.subject).toBe('Your ShopMesh order #A1B2C3D4 is confirmed');
    expect(email.body).toContain('2 x Mug @ $19.99');
    expect(email.body).toContain('Total: $39.98');
  });
});

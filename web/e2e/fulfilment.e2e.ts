import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';
import { CARDS, OpsConsole, SellerPortal, Storefront, USERS } from './pages';
import { publishAs } from './shop';

describe('fulfilment and operations in Chromium', () => {
  const baseUrl = inject('baseUrl');
  const controlUrl = inject('controlUrl');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('when a seller lists a product, a shopper buys it, and the seller ships and delivers it, then the shopper sees SHIPPED with tracking and then DELIVERED', async () => {
    const sellerShop = await Storefront.open(browser, baseUrl);
    const seller = new SellerPortal(sellerShop);
    await sellerShop.login(USERS.seller);
    const name = `Fulfilment Lantern ${Date.now().toString(36)}`;
    const productId = await seller.createProduct({ name, price: '42.00', category: 'home-kitchen', stock: 2 });
    await seller.setStock(name, 5);
    await sellerShop.expectAccessible('seller products after a stock edit');

    const shop = await Storefront.open(browser, baseUrl);
    await shop.registerNewShopper();
    await shop.openProductNamed(name);
    expect(shop.page.url()).toContain(`/p/${productId}`);
    await expect.poll(() => shop.byTestId('product-stock').textContent()).toBe('Only 5 left');
    await shop.addToCart(1);
    const orderId = await shop.checkout(CARDS.approves, 'new');
    await shop.expectOrderStatus('CONFIRMED');
    await shop.byTestId('shipment').waitFor();
    expect(await shop.byTestId('shipment').getAttribute('data-status')).toBe('CONFIRMED');

    const tracking = `TRK-${Date.now().toString(36).toUpperCase()}`;
    await seller.ship(orderId, 'DHL', tracking);
    expect(await (await seller.orderRow(orderId)).getByTestId('seller-order-tracking').textContent()).toContain(tracking);
    await sellerShop.expectAccessible('seller orders with a shipped order');

    // The shopper's page is still open: the order-shipped notification over SSE brings it up to date.
    await shop.expectOrderStatus('SHIPPED');
    await shop.byTestId('shipped').waitFor();
    expect(await shop.byTestId('shipment-tracking').textContent()).toBe(tracking);
    expect(await shop.byTestId('shipment').textContent()).toContain('DHL');
    expect(await shop.byTestId('cancel-order').count()).toBe(0);
    const steps = await shop.byTestId('timeline-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
    expect(steps).toContain('shipped');
    await shop.expectAccessible('shipped order');

    await seller.deliver(orderId);
    await shop.expectOrderStatus('DELIVERED');
    await shop.page.reload();
    await shop.expectOrderStatus('DELIVERED');
    await shop.byTestId('delivered').waitFor();
    expect(await shop.byTestId('shipment').getAttribute('data-status')).toBe('DELIVERED');
    await shop.expectAccessible('delivered order');
    await shop.close();
    await sellerShop.close();
  });

  it('when an event is dead-lettered, then an admin sees it in the ops view, replays it, and the shopper gets the notification', async () => {
    expect(controlUrl, 'this journey needs the shop of scripts/web/e2e-shop.ts (SHOPMESH_E2E_CONTROL_URL)').not.toBe('');
    const shop = await Storefront.open(browser, baseUrl);
    await shop.registerNewShopper();
    const me = await shop.api('/me');
    expect(me.status).toBe(200);

    // A payment-failed event about an order notifications has not heard of: every delivery fails
    // ("owner of order ... is not known yet") until the bus gives up and dead-letters it.
    const orderId = randomUUID();
    const eventId = randomUUID();
    await publishAs(controlUrl, 'payments', 'payments.payment-failed', { orderId, reason: 'card declined' }, eventId);

    const adminShop = await Storefront.open(browser, baseUrl);
    const ops = new OpsConsole(adminShop);
    await adminShop.login(USERS.admin);
    const letter = await ops.deadLetter(eventId);
    expect(await letter.getAttribute('data-topic')).toBe('payments.payment-failed');
    expect(await letter.textContent()).toContain('notifications');
    expect(await letter.textContent()).toContain(`owner of order ${orderId} is not known yet`);
    await adminShop.expectAccessible('ops view with a dead letter');

    // The order's own event arrives late; now the stranded one can be delivered.
    await publishAs(controlUrl, 'orders', 'orders.order-placed', { orderId, userId: me.body.id, total: { amount: 4200, currency: 'USD' }, items: [] });
    await shop.byTestId('bell').click();
    await expect.poll(() => shop.byTestId('notification').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    expect(await shop.byTestId('notification').allTextContents()).not.toEqual(expect.arrayContaining([expect.stringMatching(/Payment for order \S+ failed/)]));

    await letter.getByTestId('replay').click();
    await expect.poll(() => adminShop.byTestId('replay-status').textContent()).toBe('Replayed payments.payment-failed to notifications.');
    await expect.poll(() => letter.count(), { timeout: 30_000 }).toBe(0);
    await expect
      .poll(() => shop.byTestId('notification').allTextContents(), { timeout: 30_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/Payment for order \S+ failed/)]));
    await adminShop.page.reload();
    await adminShop.page.locator('[data-testid="dead-letters"], [data-testid="state-empty"]').first().waitFor();
    expect(await adminShop.page.locator(`[data-testid="dead-letter"][data-event-id="${eventId}"]`).count()).toBe(0);
    await adminShop.expectAccessible('ops view after the replay');
    await adminShop.close();
    await shop.close();
  });
});

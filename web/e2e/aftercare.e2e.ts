import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';
import { CARDS, OpsConsole, SellerPortal, Storefront, USERS } from './pages';

describe('cancel, review, promo code, guest cart and password reset in Chromium', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The seeded seller, signed in, to list the product a journey is about. */
  const sellerPortal = async () => {
    const seller = new SellerPortal(await Storefront.open(browser, baseUrl));
    await seller.shop.login(USERS.seller);
    return seller;
  };

  const unique = (what: string) => `${what} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

  /** The product page's stock line, read again from a fresh page until it says `text`. */
  const expectStock = async (shop: Storefront, productId: string, text: string) =>
    expect
      .poll(
        async () => {
          await shop.goto(`/p/${productId}`);
          return shop.byTestId('product-stock').textContent();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(text);

  it('when a shopper cancels a confirmed order, then the timeline shows it cancelled and refunded and the stock is back', async () => {
    const seller = await sellerPortal();
    const productId = await seller.listProduct({ name: unique('Cancelled Kettle'), price: 2900, stock: 4 });
    await seller.shop.close();
    const shop = await Storefront.open(browser, baseUrl);
    await shop.registerNewShopper();
    await expectStock(shop, productId, 'Only 4 left');
    await shop.addToCart(1);
    const orderId = await shop.checkout(CARDS.approves, 'new');
    await shop.expectOrderStatus('CONFIRMED');
    await expectStock(shop, productId, 'Only 3 left');

    await shop.goto(`/orders/${orderId}`);
    await shop.expectOrderStatus('CONFIRMED');
    await shop.cancelOrder();
    await shop.expectOrderStatus('CANCELLED');
    await shop.byTestId('cancelled').waitFor();
    expect(await shop.byTestId('cancelled').textContent()).toContain('This order was cancelled');
    // The refund and the stock's return are recorded after the status turns CANCELLED; a fresh read shows them.
    const steps = async () => {
      await shop.page.reload();
      await shop.byTestId('timeline-step').first().waitFor();
      return shop.byTestId('timeline-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
    };
    await expect.poll(steps, { timeout: 30_000, interval: 500 }).toEqual(expect.arrayContaining(['cancelled', 'payment-refunded', 'stock-returned']));
    expect(await shop.byTestId('cancel-order').count()).toBe(0);
    await shop.expectAccessible('cancelled order');

    await expectStock(shop, productId, 'Only 4 left');
    await shop.close();
  });

  it('when a shopper reviews a product they bought, then the review is listed as a verified purchase', async () => {
    const name = unique('Reviewed Teapot');
    const seller = await sellerPortal();
    const productId = await seller.listProduct({ name, price: 3400, stock: 5 });
    await seller.shop.close();
    const shop = await Storefront.open(browser, baseUrl);
    await shop.registerNewShopper();
    await shop.goto(`/p/${productId}`);
    await shop.addToCart(1);
    await shop.checkout(CARDS.approves, 'saved');
    await shop.expectOrderStatus('CONFIRMED');

    await shop.goto(`/p/${productId}`);
    const title = unique('Pours without a drip');
    await shop.writeReview({ rating: 4, title, body: 'Keeps the tea hot and pours cleanly.' });
    const review = shop.byTestId('review').filter({ hasText: title });
    await review.waitFor();
    expect(await review.textContent()).toContain('Grace Hopper');
    // Verified purchases come from the catalog's projection of confirmed orders, which follows events.
    await expect
      .poll(
        async () => {
          await shop.goto(`/p/${productId}`);
          await review.waitFor();
          return review.getByTestId('review-verified').count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(1);
    await shop.expectAccessible('product with a review');
    await shop.close();
  });

  it('when a seller creates a promo code in the portal and a shopper applies it in the cart, then the totals show the discount and the order is charged the discounted total', async () => {
    const seller = await sellerPortal();
    const productId = await seller.listProduct({ name: unique('Promo Mug'), price: 5000, stock: 5 });
    const code = `E2E${Date.now().toString(36).toUpperCase()}`;
    const row = await seller.createPercentCode(code, 10);
    expect(await row.getByTestId('seller-promo-discount').textContent()).toBe('10% off');
    await seller.shop.expectAccessible('seller promo codes');
    await seller.shop.screenshot('seller-promos');
    await seller.shop.byTestId('promo-code-input').fill(code.toLowerCase());
    await seller.shop.byTestId('promo-value-input').fill('10');
    await seller.shop.byTestId('promo-save').click();
    await expect.poll(() => seller.shop.byTestId('promo-code-input-error').textContent()).toContain('exists already');
    await seller.shop.close();

    const shop = await Storefront.open(browser, baseUrl);
    await shop.registerNewShopper();
    await shop.goto(`/p/${productId}`);
    const unit = (await shop.byTestId('product-price').textContent())!;
    const money = (text: string | null) => Number(text!.replace(/[^0-9.]/g, ''));
    await shop.addToCart(1);
    await shop.byTestId('drawer-view-cart').click();
    await shop.byTestId('cart-page').waitFor();
    await shop.applyPromo(code.toLowerCase());
    expect(await shop.byTestId('cart-promo').textContent()).toContain(code);
    expect(money(await shop.byTestId('cart-promo').locator('strong').textContent())).toBeCloseTo(money(unit) * 0.1, 2);
    expect(money(await shop.byTestId('cart-total').textContent())).toBeCloseTo(money(unit) * 0.9, 2);
    await shop.expectAccessible('cart with a promo code');

    await shop.byTestId('cart-button').click();
    await shop.checkout(CARDS.approves, 'new', {
      onReview: async () => {
        expect(await shop.byTestId('checkout-discount').textContent()).toContain(code);
        expect(money(await shop.byTestId('checkout-total').textContent())).toBeCloseTo(money(unit) * 0.9, 2);
        await shop.expectAccessible('checkout review with a promo code');
      },
    });
    await shop.expectOrderStatus('CONFIRMED');
    expect(money(await shop.byTestId('order-total').textContent())).toBeCloseTo(money(unit) * 0.9, 2);
    expect(await shop.byTestId('order-discount').textContent()).toContain(code);
    expect(money(await shop.byTestId('order-discount').locator('strong').textContent())).toBeCloseTo(money(unit) * 0.1, 2);
    await shop.close();
  });

  it('when a guest fills a cart and then signs in, then the lines are in the shopper’s own cart', async () => {
    const name = unique('Guest Basket');
    const seller = await sellerPortal();
    const productId = await seller.listProduct({ name, price: 1800, stock: 9 });
    await seller.shop.close();
    const shop = await Storefront.open(browser, baseUrl);
    const user = await shop.registerNewShopper();
    await shop.logout();

    await shop.goto(`/p/${productId}`);
    await shop.addToCart(2);
    await expect.poll(() => shop.byTestId('cart-count').textContent()).toBe('2');
    await shop.login(user);
    await shop.goto('/cart');
    const line = shop.byTestId('cart-line').filter({ hasText: name });
    await line.waitFor();
    expect(await line.getByTestId('cart-line-qty').inputValue()).toBe('2');
    await expect.poll(() => shop.byTestId('cart-count').textContent()).toBe('2');
    // The server holds it as the shopper's cart, not only this browser.
    const cart = await shop.api('/cart');
    expect(cart.body.lines).toEqual([expect.objectContaining({ productId, quantity: 2 })]);
    await shop.expectAccessible('merged cart');
    await shop.close();
  });

  it('when a shopper forgets their password, then the link in the dev mailbox sets a new one and only the new one signs in', async () => {
    const shop = await Storefront.open(browser, baseUrl);
    const user = await shop.registerNewShopper();
    await shop.logout();
    await shop.goto('/login');
    await shop.byTestId('forgot-password').click();
    await shop.byTestId('reset-email').fill(user.email);
    await shop.byTestId('reset-submit').click();
    await shop.byTestId('reset-done').waitFor();
    expect(await shop.byTestId('reset-done').textContent()).toContain('Check your mail');
    await shop.expectAccessible('password reset requested');

    const admin = await Storefront.open(browser, baseUrl);
    await admin.login(USERS.admin);
    const link = await new OpsConsole(admin).linkInMailTo(user.email);
    expect(link.startsWith(`${baseUrl}/reset-password?token=`)).toBe(true);
    await admin.expectAccessible('ops view with the mailbox open');
    await admin.close();

    await shop.goto(link);
    await shop.byTestId('reset-password').fill('Brand@New5678');
    await shop.expectAccessible('choose a new password');
    await shop.byTestId('reset-submit').click();
    await shop.byTestId('reset-done').waitFor();
    expect(await shop.byTestId('reset-done').textContent()).toContain('Password changed');

    await shop.goto('/login');
    await shop.byTestId('login-email').fill(user.email);
    await shop.byTestId('login-password').fill(user.password);
    await shop.byTestId('login-submit').click();
    await shop.byTestId('login-error').waitFor();
    await shop.login({ email: user.email, password: 'Brand@New5678' });
    await shop.close();
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';
import { CARDS, Storefront, USERS } from './pages';

describe('shopper journeys in Chromium', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const countOrders = async (shop: Storefront) =>
    shop.page.evaluate(async () => {
      const session = JSON.parse(localStorage.getItem('shopmesh.session') ?? 'null') as { accessToken: string } | null;
      const res = await fetch('/api/v1/orders?pageSize=100', { headers: { authorization: `Bearer ${session?.accessToken}` } });
      return ((await res.json()) as { total: number }).total;
    });

  it('when a guest searches, filters, opens a product, adds it and checks out with 4242 (double click), then one order reaches CONFIRMED live', async () => {
    const shop = await Storefront.open(browser, baseUrl);
    await shop.goto('/');
    await shop.byTestId('product-card').first().waitFor();
    await shop.expectAccessible('home');
    await shop.screenshot('home');

    await shop.search('lamp');
    const total = Number((await shop.byTestId('result-count').textContent())?.split(' ')[0]);
    expect(total).toBeGreaterThan(0);
    const facet = shop.byTestId('facets').locator('a[data-testid^="facet-"]').first();
    const facetSlug = (await facet.getAttribute('data-testid'))!.replace('facet-', '');
    await facet.click();
    await shop.page.waitForURL(new RegExp(`/c/${facetSlug}`));
    await shop.byTestId('product-card').first().waitFor();
    await shop.byTestId('sort').selectOption('price_asc');
    await shop.page.waitForURL(/sort=price_asc/);
    await shop.byTestId('product-card').first().waitFor();
    await shop.expectAccessible('results');
    await shop.screenshot('results');

    await shop.openFirstResult();
    await expect.poll(() => shop.byTestId('product-stock').textContent()).toMatch(/In stock|left/);
    await shop.expectAccessible('product');
    await shop.screenshot('product');
    await shop.addToCart(2);
    await expect.poll(() => shop.byTestId('cart-count').textContent()).toBe('2');
    await shop.expectAccessible('cart drawer');

    // A guest's cart survives signing in: it is merged into the shopper's server cart.
    await shop.byTestId('drawer-view-cart').click();
    await shop.byTestId('cart-page').waitFor();
    await shop.byTestId('checkout').click();
    await shop.page.waitForURL(/\/login/);
    await shop.registerNewShopper(true);
    await shop.page.waitForURL(/\/checkout/);
    await shop.byTestId('step-address').waitFor();
    await shop.goto('/cart');
    await expect.poll(() => shop.byTestId('cart-count').textContent()).toBe('2');
    await shop.expectAccessible('cart page');
    await shop.screenshot('cart');

    const before = await countOrders(shop);
    await shop.byTestId('cart-button').click();
    const orderId = await shop.checkout(CARDS.approves, 'new', { doubleClick: true, screenshots: true });
    await expect.poll(() => shop.orderStatus().textContent(), { timeout: 60_000, interval: 250 }).toBe('CONFIRMED');
    const steps = await shop.byTestId('timeline-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps[0]).toBe('placed');
    await shop.expectAccessible('order timeline');
    await shop.screenshot('timeline');
    // The bell is fed by the SSE stream: it is live and holds the confirmation without a reload.
    await shop.byTestId('bell').click();
    await expect.poll(() => shop.page.getByRole('region', { name: 'Notifications' }).textContent()).toContain('Live');
    await expect.poll(() => shop.byTestId('notification').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/confirmed/i)]));
    expect(await countOrders(shop)).toBe(before + 1);

    // History-mode deep link: a reload of the order page serves the app, not a 404.
    await shop.page.reload();
    await expect.poll(() => shop.orderStatus().textContent()).toBe('CONFIRMED');
    await shop.goto('/orders');
    await expect.poll(() => shop.byTestId('order-row').count()).toBeGreaterThan(0);
    expect(await shop.page.locator(`a[href="/orders/${orderId}"]`).count()).toBe(1);
    await shop.expectAccessible('order history');
    await shop.close();
  });

  it('when the card needs approval (3220), then the order waits, shows the approval step, and confirms once approved', async () => {
    const shop = await Storefront.open(browser, baseUrl);
    await shop.registerNewShopper();
    await shop.search('teapot');
    await shop.openFirstResult();
    await shop.addToCart(1);
    await shop.checkout(CARDS.needsApproval, 'new');
    await shop.byTestId('approval').waitFor({ timeout: 60_000 });
    await shop.expectAccessible('approval step');
    expect(await shop.orderStatus().textContent()).toBe('PENDING');
    await shop.byTestId('approve-payment').click();
    await expect.poll(() => shop.orderStatus().textContent(), { timeout: 60_000, interval: 250 }).toBe('CONFIRMED');
    await shop.close();
  });

  it('when the card is declined, then the order page says the payment was declined and why', async () => {
    const shop = await Storefront.open(browser, baseUrl);
    await shop.registerNewShopper();
    await shop.search('lamp');
    await shop.openFirstResult();
    await shop.addToCart(1);
    await shop.checkout(CARDS.declines, 'new');
    await shop.byTestId('cancelled').waitFor({ timeout: 60_000 });
    expect(await shop.byTestId('cancelled').textContent()).toContain('Your payment was declined');
    expect(await shop.byTestId('cancel-reason').textContent()).toMatch(/declined/i);
    expect(await shop.orderStatus().textContent()).toBe('CANCELLED');
    await shop.expectAccessible('declined order');
    await shop.close();
  });

  it('when a card number has a typo, then the message shows under the card field and nothing is placed', async () => {
    const shop = await Storefront.open(browser, baseUrl);
    await shop.registerNewShopper();
    await shop.search('lamp');
    await shop.openFirstResult();
    await shop.addToCart(1);
    await shop.byTestId('drawer-checkout').click();
    await shop.page.locator('[data-testid="to-payment"]:enabled').waitFor();
    if ((await shop.byTestId('saved-address').count()) === 0) {
      await shop.byTestId('addr-name').fill('Ada Lovelace');
      await shop.byTestId('addr-line1').fill('12 Analytical Row');
      await shop.byTestId('addr-city').fill('London');
      await shop.byTestId('addr-postal').fill('N1 9GU');
      await shop.byTestId('addr-country').fill('GB');
    }
    await shop.byTestId('to-payment').click();
    await shop.byTestId('card-number').fill('4242 4242 4242 4241');
    await shop.byTestId('card-expiry').fill('12/30');
    await shop.byTestId('card-cvc').fill('12');
    await shop.byTestId('to-review').click();
    expect(await shop.byTestId('card-number-error').textContent()).toMatch(/not valid/);
    expect(await shop.byTestId('card-cvc-error').textContent()).toMatch(/3 or 4 digits/);
    expect(await shop.byTestId('step-review').count()).toBe(0);
    await shop.expectAccessible('checkout with errors');
    await shop.close();
  });

  it('when a shopper opens the seller portal or the ops view, then they are turned away', async () => {
    const shop = await Storefront.open(browser, baseUrl);
    await shop.login(USERS.customer);
    await shop.goto('/seller');
    await shop.byTestId('forbidden').waitFor();
    expect(await shop.byTestId('seller-products').count()).toBe(0);
    await shop.expectAccessible('forbidden');
    await shop.goto('/ops');
    await shop.byTestId('forbidden').waitFor();
    await shop.close();
  });

  it('when a page does not exist, then the 404 page offers the way back; account and sign-up pages are accessible', async () => {
    const shop = await Storefront.open(browser, baseUrl);
    await shop.goto('/no/such/page');
    await shop.byTestId('not-found').waitFor();
    await shop.expectAccessible('404');
    await shop.goto('/register');
    await shop.byTestId('register-form').waitFor();
    await shop.expectAccessible('register');
    await shop.goto('/login');
    await shop.byTestId('login-form').waitFor();
    await shop.expectAccessible('login');
    await shop.login(USERS.customer);
    await shop.goto('/account');
    await shop.byTestId('add-address').waitFor();
    await shop.byTestId('profile-name').waitFor();
    await shop.expectAccessible('account');
    await shop.close();
  });

  it('when a shopper uses only the keyboard, then the skip link, search and results are reachable with a visible focus ring', async () => {
    const shop = await Storefront.open(browser, baseUrl);
    await shop.goto('/');
    await shop.page.keyboard.press('Tab');
    const skip = await shop.page.evaluate(() => ({
      text: document.activeElement?.textContent,
      outline: getComputedStyle(document.activeElement!).outlineStyle,
    }));
    expect(skip).toEqual({ text: 'Skip to content', outline: 'solid' });
    await shop.page.keyboard.press('Tab');
    await shop.page.keyboard.press('Tab');
    expect(await shop.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search-input');
    await shop.page.keyboard.type('lamp');
    await shop.page.keyboard.press('Enter');
    await shop.byTestId('results').waitFor();
    expect(shop.page.url()).toContain('/search?q=lamp');
    await shop.close();
  });

  it('when a shopper changes a quantity and removes the line on the cart page, then the totals follow and the cart ends empty', async () => {
    const shop = await Storefront.open(browser, baseUrl);
    await shop.registerNewShopper();
    await shop.search('lamp');
    await shop.openFirstResult();
    const unit = await shop.byTestId('product-price').textContent();
    await shop.addToCart(1);
    await shop.byTestId('drawer-view-cart').click();
    await shop.byTestId('cart-page').waitFor();
    expect(await shop.byTestId('cart-subtotal').textContent()).toBe(unit);

    await shop.byTestId('cart-line-qty').selectOption('3');
    await expect.poll(() => shop.byTestId('cart-count').textContent()).toBe('3');
    const three = Number(unit!.replace(/[^0-9.]/g, '')) * 3;
    expect(Number((await shop.byTestId('cart-subtotal').textContent())!.replace(/[^0-9.]/g, ''))).toBeCloseTo(three, 2);

    await shop.byTestId('cart-line-remove').click();
    await shop.byTestId('cart-empty').waitFor();
    expect(await shop.byTestId('cart-count').textContent()).toBe('0');
    await shop.close();
  });
});

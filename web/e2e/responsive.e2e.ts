import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';
import { CARDS, Storefront, USERS } from './pages';

describe('the storefront on a 390 px phone', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const noSidewaysScroll = (shop: Storefront) => shop.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

  it('when a shopper browses and checks out on a phone, then no page scrolls sideways and every page stays accessible', async () => {
    const shop = await Storefront.open(browser, baseUrl, 390);
    await shop.login(USERS.customer);
    await shop.goto('/');
    await shop.byTestId('product-card').first().waitFor();
    expect(await noSidewaysScroll(shop)).toBe(true);
    await shop.screenshot('home');

    await shop.search('lamp');
    expect(await noSidewaysScroll(shop)).toBe(true);
    await shop.expectAccessible('results on a phone');
    await shop.screenshot('results');

    await shop.openFirstResult();
    expect(await noSidewaysScroll(shop)).toBe(true);
    await shop.screenshot('product');
    await shop.addToCart(1);
    await shop.byTestId('drawer-view-cart').click();
    await shop.byTestId('cart-page').waitFor();
    expect(await noSidewaysScroll(shop)).toBe(true);
    await shop.screenshot('cart');

    await shop.byTestId('cart-button').click();
    await shop.checkout(CARDS.approves, 'new', { screenshots: true });
    await expect.poll(() => shop.orderStatus().textContent(), { timeout: 60_000, interval: 250 }).toBe('CONFIRMED');
    expect(await noSidewaysScroll(shop)).toBe(true);
    await shop.expectAccessible('order on a phone');
    await shop.screenshot('timeline');
    await shop.close();

    const seller = await Storefront.open(browser, baseUrl, 390);
    await seller.login(USERS.seller);
    await seller.byTestId('seller-product-row').first().waitFor();
    await seller.screenshot('seller-portal');
    await seller.close();
  });
});

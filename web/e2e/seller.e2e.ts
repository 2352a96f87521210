import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';
import { Storefront, USERS } from './pages';

describe('seller portal and ops view in Chromium', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('when a seller sets the stock of a product, then the portal and the product page show the new stock', async () => {
    const shop = await Storefront.open(browser, baseUrl);
    await shop.login(USERS.seller);
    await shop.page.waitForURL(/\/seller$/);
    const row = shop.byTestId('seller-product-row').first();
    await row.waitFor();
    await shop.expectAccessible('seller products');
    await shop.screenshot('seller-portal');
    const productId = (await row.getAttribute('data-product-id'))!;

    await row.getByTestId('stock-input').fill('3');
    await row.getByTestId('stock-save').click();
    await row.getByTestId('stock-saved').waitFor();
    expect(await row.getByTestId('seller-available').textContent()).toBe('3');

    await shop.goto(`/p/${productId}`);
    await expect.poll(() => shop.byTestId('product-stock').textContent()).toBe('Only 3 left');
    await shop.close();
  });

  it('when a seller fills in the product form, then the preview follows what they type and the saved product is listed with its stock', async () => {
    const shop = await Storefront.open(browser, baseUrl);
    await shop.login(USERS.seller);
    await shop.byTestId('new-product').click();
    await shop.byTestId('product-form').waitFor();
    await shop.byTestId('product-name-input').fill('Walnut Serving Board');
    await shop.byTestId('product-price-input').fill('39.50');
    await expect.poll(() => shop.byTestId('product-preview').textContent()).toContain('Walnut Serving Board');
    expect(await shop.byTestId('product-preview').textContent()).toMatch(/39\.50/);
    await shop.expectAccessible('product form');

    const name = `Walnut Serving Board ${Date.now()}`;
    await shop.byTestId('product-name-input').fill(name);
    await shop.byTestId('product-category-input').selectOption('home-kitchen');
    await shop.byTestId('product-stock-input').fill('7');
    await shop.byTestId('product-save').click();
    await shop.page.waitForURL(/\/seller$/);
    const row = shop.byTestId('seller-product-row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.getByTestId('seller-available').textContent()).toBe('7');
    await shop.close();
  });

  it('when a seller opens orders and reviews, and an admin the ops view, then each page renders its content or a clear unavailable state', async () => {
    const shop = await Storefront.open(browser, baseUrl);
    await shop.login(USERS.seller);
    await shop.byTestId('seller-nav-orders').click();
    await shop.page.locator('[data-testid="seller-orders"], [data-testid="seller-orders-unavailable"], [data-testid="state-empty"]').first().waitFor();
    await shop.expectAccessible('seller orders');
    await shop.byTestId('logout').click();

    await shop.login(USERS.admin);
    await shop.page.waitForURL(/\/ops$/);
    await expect.poll(() => shop.byTestId('health').textContent()).toContain('ready');
    await shop.expectAccessible('ops');
    await shop.close();
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, onTestFailed } from 'vitest';
import { seriousA11yViolations } from './browser';
import { REPO } from './shop';

/** Screenshots go here; ignored by git (web/artifacts/). */
export const ARTIFACTS = join(REPO, 'web/artifacts');

export const USERS = {
  customer: { email: 'customer@example.com', password: 'Customer@123' },
  seller: { email: 'seller@example.com', password: 'Seller@123' },
  admin: { email: 'admin@example.com', password: 'Admin@123' },
} as const;

export const CARDS = { approves: '4242 4242 4242 4242', declines: '4000 0000 0000 0002', needsApproval: '4000 0000 0000 3220' } as const;

/** The storefront as a shopper drives it: one method per thing a person does, data-testid selectors only. */
export class Storefront {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  static async open(browser: Browser, baseUrl: string, width = 1280): Promise<Storefront> {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width, height: width > 600 ? 900 : 844 } });
    const page = await context.newPage();
    // Generous: the machines running this tier are shared and often busy.
    page.setDefaultTimeout(30_000);
    // What the page looked like when a step failed is the first thing to look at.
    onTestFailed(async ({ task }) => {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, `failed-${task.name.slice(5, 60).replace(/\W+/g, '-')}-${width}.png`) }).catch(() => undefined);
    });
    return new Storefront(context, page, baseUrl);
  }

  byTestId(id: string) {
    return this.page.getByTestId(id);
  }

  async goto(path: string) {
    await this.page.goto(path);
    await this.page.waitForLoadState('networkidle');
  }

  /** Fails the test on any serious or critical axe-core violation of the page as it is now. */
  async expectAccessible(label: string) {
    const violations = await seriousA11yViolations(this.page);
    expect(violations, `${label}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }

  async screenshot(name: string) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const width = this.page.viewportSize()?.width ?? 0;
    await this.page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: false });
  }

  async login(user: { email: string; password: string }) {
    await this.goto('/login');
    await this.byTestId('login-email').fill(user.email);
    await this.byTestId('login-password').fill(user.password);
    await this.byTestId('login-submit').click();
    // Signed in once the sign-in page has sent the shopper on (after the guest cart merge).
    await this.page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await this.byTestId('logout').waitFor();
  }

  /** Registers a fresh shopper (from the sign-in page the shopper is on, or a new one), so each journey starts with an empty cart. */
  async registerNewShopper(fromLoginPage = false) {
    if (fromLoginPage) await this.page.getByRole('link', { name: 'Create an account' }).click();
    else await this.goto('/register');
    const user = { email: `shopper-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`, password: 'Shopper@1234' };
    await this.byTestId('register-name').fill('Grace Hopper');
    await this.byTestId('register-email').fill(user.email);
    await this.byTestId('register-password').fill(user.password);
    await this.byTestId('register-submit').click();
    await this.page.waitForURL((url) => !url.pathname.startsWith('/register'));
    await this.byTestId('logout').waitFor();
    return user;
  }

  async logout() {
    await this.byTestId('logout').click();
    await this.byTestId('nav-login').waitFor();
  }

  async search(text: string) {
    await this.byTestId('search-input').fill(text);
    await this.byTestId('search-submit').click();
    await this.byTestId('results').waitFor();
  }

  async openFirstResult() {
    await this.byTestId('product-card').first().getByRole('link').click();
    await this.byTestId('product-name').waitFor();
  }

  async addToCart(quantity = 1) {
    await this.byTestId('quantity').selectOption(String(quantity));
    await this.byTestId('add-to-cart').click();
    await this.byTestId('cart-drawer').waitFor();
  }

  /** From the cart drawer through the three checkout steps to the order page; answers the order id. */
  async checkout(card: string, address: 'new' | 'saved', options: { doubleClick?: boolean; screenshots?: boolean; onReview?: () => Promise<void> } = {}) {
    await this.byTestId('drawer-checkout').click();
    await this.byTestId('step-address').waitFor();
    // The address book has loaded once Continue is enabled; without a saved address the form is filled.
    await this.page.locator('[data-testid="to-payment"]:enabled').waitFor();
    const saved = await this.byTestId('saved-address').count();
    if (address === 'new' || saved === 0) {
      if (saved > 0) await this.byTestId('new-address').check();
      await this.byTestId('addr-name').fill('Ada Lovelace');
      await this.byTestId('addr-line1').fill('12 Analytical Row');
      await this.byTestId('addr-city').fill('London');
      await this.byTestId('addr-postal').fill('N1 9GU');
      await this.byTestId('addr-country').fill('GB');
    }
    if (options.screenshots) await this.screenshot('checkout');
    await this.byTestId('to-payment').click();
    await this.byTestId('card-number').fill(card);
    await this.byTestId('card-expiry').fill('12/30');
    await this.byTestId('card-cvc').fill('123');
    await this.byTestId('to-review').click();
    await this.byTestId('step-review').waitFor();
    await options.onReview?.();
    if (options.doubleClick) await this.byTestId('place-order').dblclick();
    else await this.byTestId('place-order').click();
    await this.page.waitForURL(/\/orders\/[0-9a-f-]{36}/);
    return /\/orders\/([0-9a-f-]{36})/.exec(this.page.url())![1]!;
  }

  orderStatus() {
    return this.byTestId('order-status');
  }

  /**
   * Calls the API as the person signed in on this page (their session's token), for the
   * arrangements a journey is not about, such as listing the product it buys. Answers status and JSON body.
   */
  async api(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
    return this.page.evaluate(
      async ({ path, method, body }) => {
        const session = JSON.parse(localStorage.getItem('shopmesh.session') ?? 'null') as { accessToken: string } | null;
        const res = await fetch(`/api/v1${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        return { status: res.status, body: text ? JSON.parse(text) : undefined };
      },
      { path, method: init.method ?? 'GET', body: init.body },
    );
  }

  /** Searches for a product by its exact name and opens it. */
  async openProductNamed(name: string) {
    await this.search(name);
    await this.byTestId('product-card').filter({ hasText: name }).first().getByRole('link').click();
    await this.byTestId('product-name').waitFor();
    await expect.poll(() => this.byTestId('product-name').textContent()).toBe(name);
  }

  /** Waits, live (SSE) or by polling what the page shows, until the order page says `status`. */
  async expectOrderStatus(status: string, timeout = 60_000) {
    await expect.poll(() => this.orderStatus().first().textContent(), { timeout, interval: 250 }).toBe(status);
  }

  async cancelOrder() {
    await this.byTestId('cancel-order').click();
  }

  /** Writes a review on the product page the shopper is on. */
  async writeReview(review: { rating: number; title: string; body: string }) {
    await this.byTestId('review-rating').selectOption(String(review.rating));
    await this.byTestId('review-title').fill(review.title);
    await this.byTestId('review-body').fill(review.body);
    await this.byTestId('review-submit').click();
    await this.byTestId('review-posted').waitFor();
  }

  /** Applies a promo code on the cart page. */
  async applyPromo(code: string) {
    await this.byTestId('promo-code').fill(code);
    await this.byTestId('promo-apply').click();
    await this.byTestId('cart-promo').waitFor();
  }

  async close() {
    await this.context.close();
  }
}

/** The seller portal as a seller drives it. */
export class SellerPortal {
  constructor(readonly shop: Storefront) {}

  /** Creates a product through the portal's form and answers its id, read from the product list. */
  async createProduct(product: { name: string; price: string; category: string; stock: number; description?: string }) {
    const { shop } = this;
    await shop.goto('/seller');
    await shop.byTestId('new-product').click();
    await shop.byTestId('product-form').waitFor();
    await shop.byTestId('product-name-input').fill(product.name);
    await shop.byTestId('product-description-input').fill(product.description ?? `${product.name}, made by hand.`);
    await shop.byTestId('product-category-input').selectOption(product.category);
    await shop.byTestId('product-price-input').fill(product.price);
    await shop.byTestId('product-stock-input').fill(String(product.stock));
    await expect.poll(() => shop.byTestId('product-preview').textContent()).toContain(product.name);
    await shop.expectAccessible('seller product form');
    await shop.byTestId('product-save').click();
    await shop.page.waitForURL(/\/seller$/);
    const row = this.productRow(product.name);
    await row.waitFor();
    return (await row.getAttribute('data-product-id'))!;
  }

  /**
   * Lists a product through the API, in the currency the seller sells in, for journeys about what
   * happens to it after (the portal's form has a journey of its own). Answers its id.
   */
  async listProduct(product: { name: string; price: number; stock: number; category?: string }) {
    const mine = await this.shop.api('/seller/products?pageSize=1');
    const currency: string = mine.body.items[0]?.price.currency ?? 'USD';
    const created = await this.shop.api('/seller/products', {
      method: 'POST',
      body: {
        name: product.name,
        description: `${product.name}, made by hand.`,
        category: product.category ?? 'home-kitchen',
        price: { amount: product.price, currency },
        stock: product.stock,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  }

  /** Creates a percentage promo code on the portal's promo page; answers once the list shows it. */
  async createPercentCode(code: string, percent: number) {
    const { shop } = this;
    await shop.goto('/seller');
    await shop.byTestId('seller-nav-promos').click();
    await shop.byTestId('promo-form').waitFor();
    await shop.byTestId('promo-code-input').fill(code);
    await shop.byTestId('promo-kind-percent').check();
    await shop.byTestId('promo-value-input').fill(String(percent));
    await shop.byTestId('promo-save').click();
    await shop.byTestId('promo-created').waitFor();
    const row = shop.byTestId('seller-promo-row').and(shop.page.locator(`[data-code="${code}"]`));
    await row.waitFor();
    return row;
  }

  productRow(name: string) {
    return this.shop.byTestId('seller-product-row').filter({ hasText: name });
  }

  /** Sets a product's stock from the product list; answers once the list shows it saved. */
  async setStock(name: string, quantity: number) {
    const row = this.productRow(name);
    await row.getByTestId('stock-input').fill(String(quantity));
    await row.getByTestId('stock-save').click();
    await row.getByTestId('stock-saved').waitFor();
    await expect.poll(() => row.getByTestId('seller-available').textContent()).toBe(String(quantity));
  }

  /** The seller's row of an order on the orders page, waited for (orders reach sellers once confirmed). */
  async orderRow(orderId: string) {
    const { shop } = this;
    const row = shop.byTestId('seller-order').and(shop.page.locator(`[data-order-id="${orderId}"]`));
    // The list is read when the page opens: a fresh confirmation may need another look.
    await expect
      .poll(
        async () => {
          if ((await row.count()) > 0) return true;
          await shop.goto('/seller/orders');
          await shop.page.locator('[data-testid="seller-orders"], [data-testid="state-empty"]').first().waitFor();
          return (await row.count()) > 0;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(true);
    return row;
  }

  async ship(orderId: string, carrier: string, trackingNumber: string) {
    const row = await this.orderRow(orderId);
    await row.getByTestId('ship-carrier').fill(carrier);
    await row.getByTestId('ship-tracking').fill(trackingNumber);
    await row.getByTestId('ship').click();
    await expect.poll(() => row.getByTestId('order-status').textContent()).toBe('SHIPPED');
  }

  async deliver(orderId: string) {
    const row = await this.orderRow(orderId);
    await row.getByTestId('deliver').click();
    await expect.poll(() => row.getByTestId('order-status').textContent()).toBe('DELIVERED');
  }
}

/** The ops view as an admin drives it. */
export class OpsConsole {
  constructor(readonly shop: Storefront) {}

  /** The dead letter of one event, looked for again (a fresh ops page) until it is listed. */
  async deadLetter(eventId: string, timeout = 90_000) {
    const { shop } = this;
    const row = shop.page.locator(`[data-testid="dead-letter"][data-event-id="${eventId}"]`);
    await expect
      .poll(
        async () => {
          await shop.goto('/ops');
          await shop.page.locator('[data-testid="dead-letters"], [data-testid="state-empty"]').first().waitFor();
          return row.count();
        },
        { timeout, interval: 1000 },
      )
      .toBe(1);
    return row;
  }

  /** The newest mail to `to` in the dev mailbox, opened; answers the first link in it. */
  async linkInMailTo(to: string, timeout = 30_000) {
    const { shop } = this;
    const mail = shop.page.locator(`[data-testid="mail"][data-to="${to}"]`).first();
    await expect
      .poll(
        async () => {
          await shop.goto('/ops');
          await shop.page.locator('[data-testid="mailbox"], [data-testid="state-empty"]').first().waitFor();
          return mail.count();
        },
        { timeout, interval: 1000 },
      )
      .toBe(1);
    await mail.locator('summary').click();
    return (await mail.getByTestId('mail-link').first().getAttribute('href'))!;
  }
}

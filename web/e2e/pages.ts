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
    await this.byTestId('register-name').fill('Grace Hopper');
    await this.byTestId('register-email').fill(`shopper-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`);
    await this.byTestId('register-password').fill('Shopper@1234');
    await this.byTestId('register-submit').click();
    await this.page.waitForURL((url) => !url.pathname.startsWith('/register'));
    await this.byTestId('logout').waitFor();
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
  async checkout(card: string, address: 'new' | 'saved', options: { doubleClick?: boolean; screenshots?: boolean } = {}) {
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
    if (options.doubleClick) await this.byTestId('place-order').dblclick();
    else await this.byTestId('place-order').click();
    await this.page.waitForURL(/\/orders\/[0-9a-f-]{36}/);
    return /\/orders\/([0-9a-f-]{36})/.exec(this.page.url())![1]!;
  }

  orderStatus() {
    return this.byTestId('order-status');
  }

  async close() {
    await this.context.close();
  }
}

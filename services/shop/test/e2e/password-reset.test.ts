import { randomUUID } from 'node:crypto';
import { ApiClient, eventually } from '../api-client';
import { shopUnderTest, type ShopUnderTest, SHOP_START_TIMEOUT_MS } from '../shop-under-test';

let shop: ShopUnderTest;
let anonymous: ApiClient;
let admin: ApiClient;

beforeAll(async () => {
  shop = await shopUnderTest();
  anonymous = new ApiClient(() => shop.api());
  admin = (await anonymous.login('admin@example.com', 'Admin@123')).api;
}, SHOP_START_TIMEOUT_MS);
afterAll(() => shop.close());

/** The token of the newest link of that kind mailed to the address, read from the dev mailbox. */
async function mailedToken(email: string, kind: string): Promise<string> {
  const body = await eventually(async () => {
    const mail = await admin.get(`/admin/mail?to=${encodeURIComponent(email)}`);
    return mail.body.items?.find((m: { kind: string }) => m.kind === kind)?.body as string | undefined;
  }, `a ${kind} mail to ${email}`);
  return decodeURIComponent(/token=([^\s&]+)/.exec(body)![1]!);
}

describe('password reset through the mailbox', () => {
  it('when a shopper forgets their password, then the mailed link sets a new one, ends the old session, and works only once', async () => {
    const { api, email } = await anonymous.newShopper('forgetful');
    const unknown = await anonymous.post('/auth/password-reset', { email: `nobody-${randomUUID()}@example.com` });

    const asked = await anonymous.post('/auth/password-reset', { email });
    const token = await mailedToken(email, 'password-reset');
    const confirmed = await anonymous.post('/auth/password-reset/confirm', { token, password: 'Brand-new-pass-7' });
    const reused = await anonymous.post('/auth/password-reset/confirm', { token, password: 'Another-pass-8' });

    expect([unknown.status, asked.status]).toEqual([202, 202]);
    expect(confirmed.status).toBe(204);
    expect(reused.status).toBe(410);
    expect((await api.get('/me')).status).toBe(401);
    expect((await anonymous.post('/auth/login', { email, password: 'Sh0pper!pass' })).status).toBe(401);
    expect((await anonymous.post('/auth/login', { email, password: 'Brand-new-pass-7' })).status).toBe(200);
  });

  it('when the new password is weak, then it is a 400 naming body.password and the link still works', async () => {
    const { email } = await anonymous.newShopper('weak');
    await anonymous.post('/auth/password-reset', { email });
    const token = await mailedToken(email, 'password-reset');

    const weak = await anonymous.post('/auth/password-reset/confirm', { token, password: 'qwertyuiop' });
    const strong = await anonymous.post('/auth/password-reset/confirm', { token, password: 'Brand-new-pass-7' });

    expect(weak.status).toBe(400);
    expect(weak.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.password']);
    expect(strong.status).toBe(204);
  });

  it('when a shopper follows the link mailed at registration, then their profile says the address is verified', async () => {
    const { api, email } = await anonymous.newShopper('verifying');
    expect((await api.get('/me')).body.emailVerified).toBe(false);

    const verified = await anonymous.post('/auth/verify-email', { token: await mailedToken(email, 'verify-email') });

    expect(verified.status).toBe(200);
    expect((await api.get('/me')).body.emailVerified).toBe(true);
  });

  it('when a shopper reads the mailbox, then it is a 403', async () => {
    const { api } = await anonymous.newShopper();
    expect((await api.get('/admin/mail')).status).toBe(403);
  });
});

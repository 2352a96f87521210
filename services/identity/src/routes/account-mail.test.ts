import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { decodeJwt } from 'jose';
import { TokenResponse, type SendMailRequest } from '@shopmesh/contracts';
import { eventually } from '@shopmesh/platform/testing';
import { identityApp, type IdentityApp } from '../../test/identity-app';

// A clock the test moves forward, so expiry is tested without waiting.
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

let shop: IdentityApp;
let api: ReturnType<typeof request>;

beforeAll(async () => {
  shop = await identityApp({ seed: true, clock });
  api = shop.api;
});
afterAll(() => shop.close());
afterEach(() => {
  offsetMs = 0;
});

/** The mail sent to the address, newest first. */
async function mailTo(email: string): Promise<SendMailRequest[]> {
  return shop.mail.filter((m) => m.to === email).reverse();
}

/** Waits for the newest mail of a kind to the address and answers the token of its link. */
async function tokenMailed(email: string, kind: SendMailRequest['kind'], after = 0): Promise<string> {
  const mail = await eventually(async () => {
    const items = (await mailTo(email)).filter((m) => m.kind === kind);
    return items.length > after ? items[0] : undefined;
  }, `a ${kind} mail to ${email}`);
  const token = /token=([^\s&]+)/.exec(mail.body)?.[1];
  if (!token) throw new Error(`no token in ${mail.body}`);
  return decodeURIComponent(token);
}

async function registered() {
  const email = `reset-${randomUUID()}@example.com`;
  const password = 'First-pass-91';
  const res = await api.post('/auth/register').send({ email, password, name: 'Resetting User' }).expect(201);
  return { email, password, session: TokenResponse.parse(res.body) };
}

describe('password reset', () => {
  it('when a user resets their password, then the new one works, the old one not, and every earlier session has ended', async () => {
    const { email, password, session } = await registered();
    const other = TokenResponse.parse((await api.post('/auth/login').send({ email, password }).expect(200)).body);

    const asked = await api.post('/auth/password-reset').send({ email });
    const token = await tokenMailed(email, 'password-reset');
    const confirmed = await api.post('/auth/password-reset/confirm').send({ token, password: 'Second-pass-82' });

    expect(asked.status).toBe(202);
    expect(confirmed.status).toBe(204);
    expect((await api.post('/auth/login').send({ email, password })).status).toBe(401);
    expect((await api.post('/auth/login').send({ email, password: 'Second-pass-82' })).status).toBe(200);
    for (const s of [session, other]) {
      expect((await api.post('/auth/refresh').send({ refreshToken: s.refreshToken })).status).toBe(401);
      expect((await api.get('/me').set('authorization', `Bearer ${s.accessToken}`)).status).toBe(401);
    }
  });

  it('when the address has no account, then the answer is the same 202 and no mail is sent', async () => {
    const { email } = await registered();
    const unknown = `nobody-${randomUUID()}@example.com`;

    const forUnknown = await api.post('/auth/password-reset').send({ email: unknown });
    const forKnown = await api.post('/auth/password-reset').send({ email });
    await tokenMailed(email, 'password-reset');
    // Both requests' mail work has finished once the identity's detached work is drained.
    await shop.drainMail();

    expect([forUnknown.status, forUnknown.text, forUnknown.headers['content-type']]).toEqual([
      forKnown.status,
      forKnown.text,
      forKnown.headers['content-type'],
    ]);
    expect(await mailTo(unknown)).toEqual([]);
  });

  it('when a reset token is used twice, then the second time is a 410 naming body.token and the password stays the first choice', async () => {
    const { email } = await registered();
    await api.post('/auth/password-reset').send({ email }).expect(202);
    const token = await tokenMailed(email, 'password-reset');
    await api.post('/auth/password-reset/confirm').send({ token, password: 'Second-pass-82' }).expect(204);

    const again = await api.post('/auth/password-reset/confirm').send({ token, password: 'Third-pass-73' });

    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ code: 'token-used', errors: [{ field: 'body.token' }] });
    expect((await api.post('/auth/login').send({ email, password: 'Second-pass-82' })).status).toBe(200);
  });

  it('when a newer link was mailed and used, then the older one no longer works either', async () => {
    const { email } = await registered();
    await api.post('/auth/password-reset').send({ email }).expect(202);
    const older = await tokenMailed(email, 'password-reset');
    await api.post('/auth/password-reset').send({ email }).expect(202);
    const newer = await tokenMailed(email, 'password-reset', 1);

    await api.post('/auth/password-reset/confirm').send({ token: newer, password: 'Second-pass-82' }).expect(204);

    expect((await api.post('/auth/password-reset/confirm').send({ token: older, password: 'Third-pass-73' })).status).toBe(410);
  });

  it('when the token is older than 30 minutes, then it is a 410 token-expired', async () => {
    const { email } = await registered();
    await api.post('/auth/password-reset').send({ email }).expect(202);
    const token = await tokenMailed(email, 'password-reset');

    offsetMs = 31 * 60_000;
    const res = await api.post('/auth/password-reset/confirm').send({ token, password: 'Second-pass-82' });

    expect(res.status).toBe(410);
    expect(res.body.code).toBe('token-expired');
  });

  it('when the token was made up or tampered with, then it is a 400 naming body.token', async () => {
    const { email } = await registered();
    await api.post('/auth/password-reset').send({ email }).expect(202);
    const token = await tokenMailed(email, 'password-reset');
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;

    const responses = await Promise.all(
      ['x'.repeat(40), tampered].map((t) => api.post('/auth/password-reset/confirm').send({ token: t, password: 'Second-pass-82' })),
    );

    for (const res of responses) {
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.token']);
    }
  });

  it('when the new password is weak, then it is a 400 naming body.password and the token still works afterwards', async () => {
    const { email, password } = await registered();
    await api.post('/auth/password-reset').send({ email }).expect(202);
    const token = await tokenMailed(email, 'password-reset');

    const weak = await api.post('/auth/password-reset/confirm').send({ token, password: 'password1' });

    expect(weak.status).toBe(400);
    expect(weak.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.password']);
    expect((await api.post('/auth/login').send({ email, password })).status).toBe(200);
    expect((await api.post('/auth/password-reset/confirm').send({ token, password: 'Second-pass-82' })).status).toBe(204);
  });
});

describe('e-mail verification', () => {
  it('when the link mailed at registration is followed, then the profile and the next access token say the address is verified', async () => {
    const { email, password, session } = await registered();
    expect(session.user.emailVerified).toBe(false);
    expect(decodeJwt(session.accessToken).email_verified).toBe(false);
    const token = await tokenMailed(email, 'verify-email');

    const verified = await api.post('/auth/verify-email').send({ token });
    const again = await api.post('/auth/verify-email').send({ token });

    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ email, emailVerified: true });
    expect(again.status).toBe(410);
    const next = TokenResponse.parse((await api.post('/auth/login').send({ email, password }).expect(200)).body);
    expect(next.user.emailVerified).toBe(true);
    expect(decodeJwt(next.accessToken).email_verified).toBe(true);
  });

  it('when a reset token is presented as a verification token, then it is a 400 and nothing is verified', async () => {
    const { email, session } = await registered();
    await api.post('/auth/password-reset').send({ email }).expect(202);
    const resetToken = await tokenMailed(email, 'password-reset');

    const res = await api.post('/auth/verify-email').send({ token: resetToken });

    expect(res.status).toBe(400);
    expect((await api.get('/me').set('authorization', `Bearer ${session.accessToken}`)).body.emailVerified).toBe(false);
  });

  it('when an unverified user asks again, then a new link is mailed', async () => {
    const { email, session } = await registered();
    await tokenMailed(email, 'verify-email');

    const res = await api.post('/me/verify-email').set('authorization', `Bearer ${session.accessToken}`);

    expect(res.status).toBe(202);
    await tokenMailed(email, 'verify-email', 1);
  });
});

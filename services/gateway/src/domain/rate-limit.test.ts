import { canonicalPath, credentialBudget, retryAfterSeconds } from './rate-limit';

describe('matching a request to its rate budget', () => {
  it.each([
    '/api/v1/auth/login',
    '/api/v1/auth/login/',
    '/api/v1/auth/login//',
    '/API/V1/Auth/LOGIN',
    '/api/v1//auth/login',
    '/api/v1/auth/%6Cogin',
    '/api/v1/auth/./login',
    '/api/v1/me/../auth/login',
  ])('when a login is spelt %s, then it counts against the login budget', (path) => {
    expect(credentialBudget('POST', path)).toEqual({ scope: 'login' });
  });

  it('when the register endpoint is spelt with a trailing slash, then it counts against the signup budget', () => {
    expect(credentialBudget('post', '/api/v1/auth/register/')).toEqual({ scope: 'signup' });
  });

  it('when the request is not a POST to a credential endpoint, then there is no credential budget', () => {
    expect(credentialBudget('GET', '/api/v1/auth/login')).toBeUndefined();
    expect(credentialBudget('POST', '/api/v1/auth/refresh')).toBeUndefined();
    expect(credentialBudget('POST', '/api/v1/auth/login-help')).toBeUndefined();
  });

  it('when a path carries a malformed escape, then it is matched as spelt', () => {
    expect(canonicalPath('/api/v1/auth/%E0%A4%A')).toBe('/api/v1/auth/%e0%a4%a');
  });

  it('when a wait is under a second, then Retry-After still says 1', () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(20_000)).toBe(20);
    expect(retryAfterSeconds(20_001)).toBe(21);
  });
});

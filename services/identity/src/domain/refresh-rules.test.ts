import type { RefreshTokenRow } from './ports';
import { judgeRefreshToken } from './refresh-rules';

const now = new Date('2025-01-01T12:00:00Z');
const token = (change: Partial<RefreshTokenRow> = {}): RefreshTokenRow => ({
  tokenHash: 'h',
  familyId: 'f',
  userId: 'u',
  createdAt: new Date(now.getTime() - 1000),
  expiresAt: new Date(now.getTime() + 60_000),
  usedAt: null,
  revokedAt: null,
  accessJti: null,
  accessExpiresAt: null,
  ...change,
});

describe('judging a refresh token', () => {
  it('when the token is unused, unexpired and not revoked, then it is valid', () => {
    expect(judgeRefreshToken(token(), now)).toBe('valid');
  });

  it('when no token has the hash, then it is unknown', () => {
    expect(judgeRefreshToken(undefined, now)).toBe('unknown');
  });

  it('when the token was already exchanged, then it is a reuse', () => {
    expect(judgeRefreshToken(token({ usedAt: now }), now)).toBe('reused');
  });

  it('when the family was revoked, then a used token is revoked rather than a fresh reuse', () => {
    expect(judgeRefreshToken(token({ usedAt: now, revokedAt: now }), now)).toBe('revoked');
  });

  it('when the token expired, then it is expired', () => {
    expect(judgeRefreshToken(token({ expiresAt: now }), now)).toBe('expired');
  });
});

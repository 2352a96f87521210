import { SEED_USERS } from '@shopmesh/contracts';
import type { SeedSeller } from './generate';

const RATINGS: Record<string, number> = {
  'seller@example.com': 4.8,
  'seller2@example.com': 4.6,
  'seller3@example.com': 4.4,
};

/** The three seeded seller accounts (identity's fixed ids), as the catalog shows them. */
export const SEED_SELLERS: SeedSeller[] = Object.keys(RATINGS).map((email) => {
  const user = SEED_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`seed user ${email} is missing from SEED_USERS`);
  return { id: user.id, displayName: user.name, rating: RATINGS[email] ?? null };
});

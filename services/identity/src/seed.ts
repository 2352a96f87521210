import { SEED_USERS } from '@shopmesh/contracts';
import type { Logger } from '@shopmesh/platform';
import { seedAccount } from './domain/accounts';
import type { IdentityDeps } from './domain/ports';

/** Creates the sample users (fixed ids, see SEED_USERS) that do not exist yet. */
export async function seedUsers(deps: IdentityDeps, logger: Logger): Promise<void> {
  let created = 0;
  for (const user of SEED_USERS) {
    if (await seedAccount(deps, user)) created += 1;
  }
  if (created > 0) logger.info({ created }, 'seeded sample users');
}

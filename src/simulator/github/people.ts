import { generateUsers } from '../org/generate-users.js';
import { createRng } from '../org/random.js';
import { Timeline } from '../org/time.js';
import type { SimUser } from '../org/types.js';

/** An Okta user as the GitHub world needs one: the SAML NameID is their Okta login (an example.com email). */
export interface OktaPerson {
  login: string;
  email: string;
  firstName: string;
  lastName: string;
  status: string;
}

export function peopleFromOktaUsers(users: readonly SimUser[]): OktaPerson[] {
  return users.map((u) => ({ login: u.profile.login, email: u.profile.email, firstName: u.profile.firstName, lastName: u.profile.lastName, status: u.status }));
}

/**
 * The people of the Okta simulator's generated org for `seed` and `users`, without generating the rest of the org:
 * `generateOrg` draws its users from the `users` stream alone, so the same stream gives the same logins whatever `now`.
 */
export function oktaPeopleForSeed(seed: number, users: number, now: number): OktaPerson[] {
  return peopleFromOktaUsers(generateUsers(users, createRng(seed, 'users'), new Timeline(now)).users);
}

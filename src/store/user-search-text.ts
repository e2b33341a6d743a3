import { writeText } from './repositories/row-values.js';
import type { UserRecord } from './types.js';

/**
 * Joins the texts a users search looks in. A control character no one types: a search term without it can only match
 * inside one of the texts, never across two (a term with it is searched text by text, see snapshot-pages.ts).
 */
export const USER_SEARCH_SEPARATOR = '\u001f';

/**
 * What a users search matches against, stored with each user row (migration 0017): login, email, display name and
 * "first last", lowered and joined by `USER_SEARCH_SEPARATOR`, so a search is one LIKE on one column.
 */
export function userSearchText(user: Pick<UserRecord, 'login' | 'email' | 'displayName' | 'firstName' | 'lastName'>): string {
  const fullName = `${user.firstName ?? ''} ${user.lastName ?? ''}`;
  return writeText([user.login, user.email ?? '', user.displayName ?? '', fullName].join(USER_SEARCH_SEPARATOR).toLowerCase());
}

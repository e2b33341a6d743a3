import type { UserRecord } from '../../store/types.js';
import { datasetGap } from '../data-coverage.js';
import type { SnapshotView } from '../snapshot-view.js';
import type { NameIdFormat } from './passthrough-types.js';

/*
 * A SAML NameID is whatever the Okta app sends as the user's application username: its "Application username format"
 * (`credentials.userNameTemplate`, `${source.login}` by default — "Okta username"; `${source.email}` for "Email").
 * GitHub's NameID "is often an email but this is not always the case" (GITHUB-API.md §2.2), so the match follows the
 * format recorded for the service, never a guess: by login, or by email. Okta logins are unique and compared without
 * case (Okta treats them case-insensitively); emails need not be unique, and two users with one email make the
 * match ambiguous instead of picking one.
 */

export type IdentityMatch =
  | { kind: 'user'; user: UserRecord }
  | { kind: 'none'; detail: string }
  | { kind: 'ambiguous'; users: UserRecord[] }
  | { kind: 'unknown'; detail: string };

export interface OktaIdentityIndex {
  match(nameId: string): IdentityMatch;
}

/** Built once per evaluation: one map lookup per account. */
export function indexOktaIdentities(view: SnapshotView, format: NameIdFormat): OktaIdentityIndex {
  const byKey = new Map<string, UserRecord[]>();
  for (const user of view.users) {
    const key = format === 'login' ? user.login : user.email;
    if (key === null) continue;
    const normalized = key.toLowerCase();
    const known = byKey.get(normalized);
    if (known === undefined) byKey.set(normalized, [user]);
    else known.push(user);
  }
  const usersGap = datasetGap(view, 'users');
  return {
    match(nameId) {
      const found = byKey.get(nameId.trim().toLowerCase());
      if (found === undefined || found.length === 0) {
        if (usersGap !== undefined) return { kind: 'unknown', detail: `No Okta user has the ${format} ${nameId} in the snapshot, but ${usersGap}` };
        return { kind: 'none', detail: `No Okta user has the ${format} ${nameId}` };
      }
      if (found.length > 1) return { kind: 'ambiguous', users: found };
      return { kind: 'user', user: found[0] as UserRecord };
    },
  };
}

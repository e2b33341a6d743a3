import type { Rng } from '../org/random.js';
import { DAY, type Timeline } from '../org/time.js';
import type { GhCredentialAuthorization, GhMembership } from './model.js';

/** Classic scopes people grant their tokens; `admin:org` on a few is what an auditor wants to see. */
const TOKEN_SCOPES: readonly (readonly string[])[] = [['repo'], ['repo', 'read:org'], ['repo', 'workflow'], ['admin:org', 'repo'], ['read:packages']];

/**
 * SAML-authorized credentials of SSO-linked members (GITHUB-API.md §3): about a third hold a classic PAT, some an SSH
 * key; some tokens were never used since they were authorized (`credential_accessed_at: null`) and some never expire.
 * Field names and nullability follow GitHub's `credential-authorization` schema.
 */
export function credentialAuthorizationsFor(members: readonly GhMembership[], firstId: number, rng: Rng, time: Timeline): GhCredentialAuthorization[] {
  const out: GhCredentialAuthorization[] = [];
  let sequence = firstId;
  const nextId = (): number => (sequence += 1 + rng.below(40));
  for (const { user } of members) {
    if (rng.chance(0.35)) {
      const id = nextId();
      const authorized = rng.between(5 * DAY, 500 * DAY);
      out.push({
        login: user.login,
        credential_id: id,
        credential_type: 'personal access token',
        token_last_eight: rng.base62(8),
        credential_authorized_at: time.iso(authorized),
        credential_accessed_at: rng.chance(0.15) ? null : time.iso(rng.between(0, authorized)),
        authorized_credential_id: id + 17,
        scopes: [...rng.pick(TOKEN_SCOPES)],
        authorized_credential_note: rng.pick(['ci deploy', 'laptop', 'terraform', 'release script']),
        authorized_credential_expires_at: rng.chance(0.3) ? null : time.iso(-rng.between(DAY, 300 * DAY)),
      });
    }
    if (rng.chance(0.2)) {
      const id = nextId();
      const authorized = rng.between(5 * DAY, 800 * DAY);
      out.push({
        login: user.login,
        credential_id: id,
        credential_type: 'SSH key',
        credential_authorized_at: time.iso(authorized),
        credential_accessed_at: rng.chance(0.1) ? null : time.iso(rng.between(0, authorized)),
        authorized_credential_id: id + 17,
        fingerprint: fingerprint(rng),
        authorized_credential_title: rng.pick(['work laptop', 'build server', 'home desktop']),
      });
    }
  }
  return out;
}

/** An SSH key fingerprint as GitHub lists it (`SHA256:` + 43 base64 characters). */
function fingerprint(rng: Rng): string {
  return `SHA256:${rng.base62(43)}`;
}

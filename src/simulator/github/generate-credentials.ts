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
  /** The fields every authorization has: when it was authorized (up to `maxAgeDays` ago) and last used, if ever. */
  const authorization = (login: string, type: string, maxAgeDays: number, neverUsed: number): GhCredentialAuthorization => {
    sequence += 1 + rng.below(40);
    const authorized = rng.between(5 * DAY, maxAgeDays * DAY);
    return {
      login,
      credential_id: sequence,
      credential_type: type,
      credential_authorized_at: time.iso(authorized),
      credential_accessed_at: rng.chance(neverUsed) ? null : time.iso(rng.between(0, authorized)),
      authorized_credential_id: sequence + 17,
    };
  };
  for (const { user } of members) {
    if (rng.chance(0.35)) {
      out.push({
        ...authorization(user.login, 'personal access token', 500, 0.15),
        token_last_eight: rng.base62(8),
        scopes: [...rng.pick(TOKEN_SCOPES)],
        authorized_credential_note: rng.pick(['ci deploy', 'laptop', 'terraform', 'release script']),
        authorized_credential_expires_at: rng.chance(0.3) ? null : time.iso(-rng.between(DAY, 300 * DAY)),
      });
    }
    if (rng.chance(0.2)) {
      out.push({
        ...authorization(user.login, 'SSH key', 800, 0.1),
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

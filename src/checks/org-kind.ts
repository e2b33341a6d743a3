import type { SnapshotView } from './snapshot-view.js';

/**
 * Whether the org runs Okta Identity Engine or Classic Engine. The org metadata (`/.well-known/okta-organization`,
 * `pipeline: idx | v1`) says so when the sync read it; otherwise the policies tell: only Identity Engine orgs have app
 * authentication policies (`ACCESS_POLICY`) and the authenticator-shaped enrollment policy (`settings.type:
 * AUTHENTICATORS`, OKTA-API.md §9.1, §9.3).
 */
export type OrgEngine = 'identity-engine' | 'classic' | 'unknown';

export function orgEngine(view: SnapshotView): OrgEngine {
  if (view.pipeline === 'idx') return 'identity-engine';
  if (view.pipeline === 'v1') return 'classic';
  if (view.policies.length === 0) return 'unknown';
  const identityEngine = view.policies.some(
    (policy) => policy.type === 'ACCESS_POLICY' || (policy.type === 'MFA_ENROLL' && settingsType(policy.settings) === 'AUTHENTICATORS'),
  );
  return identityEngine ? 'identity-engine' : 'classic';
}

function settingsType(settings: unknown): unknown {
  return typeof settings === 'object' && settings !== null ? (settings as { type?: unknown }).type : undefined;
}

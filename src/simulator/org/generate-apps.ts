import { APP_CATALOG, APP_SIGN_ON_MODE_WEIGHTS, type CatalogApp, type SignOnMode } from './catalog.js';
import type { Rng } from './random.js';
import { DAY, type Timeline } from './time.js';
import type { SimApp, SimPolicy } from './types.js';

/** One app per this many users, and never fewer than MIN_APPS. */
const USERS_PER_APP = 25;
const MIN_APPS = 3;
/** The first apps cover each sign-on mode, so even a tiny org has one of each kind. */
const FIRST_MODES: readonly SignOnMode[] = ['SAML_2_0', 'OPENID_CONNECT', 'BOOKMARK', 'AUTO_LOGIN'];

/**
 * Keys of Okta's app templates. Every app built from one keeps the template's key as its `name` (SPEC even fixes it:
 * `oidc_client` for OIDC apps, `bookmark` for bookmarks); only catalog integrations added twice get a numbered name.
 */
const TEMPLATE_NAMES: ReadonlySet<string> = new Set(['oidc_client', 'bookmark', 'template_swa']);

/**
 * Apps with catalog-like names and labels. The org's Active Directory integration is not among them: Okta lists
 * directory integrations with `signOnMode: null` (okta/okta-sdk-dotnet#821, okta/okta-sdk-java#980), which SPEC
 * forbids (required, non-null enum), and any enum value would pass it off as an SSO app to app checks. Collectors
 * meet that shape through crafted org files instead (routes/apps.test.ts).
 */
export function generateApps(userCount: number, accessPolicies: readonly SimPolicy[], rng: Rng, time: Timeline): SimApp[] {
  const count = Math.max(MIN_APPS, Math.round(userCount / USERS_PER_APP));
  const byMode = new Map<SignOnMode, CatalogApp[]>();
  for (const entry of APP_CATALOG) byMode.set(entry.signOnMode, [...(byMode.get(entry.signOnMode) ?? []), entry]);
  const seen = new Map<string, number>();
  const apps: SimApp[] = [];

  for (let i = 0; i < count; i++) {
    const mode = FIRST_MODES[i] ?? rng.weighted(APP_SIGN_ON_MODE_WEIGHTS);
    const entry = rng.pick(byMode.get(mode) ?? APP_CATALOG);
    const n = bump(seen, entry.name);
    const labelN = bump(seen, `label:${entry.label}`);
    const created = rng.between(30 * DAY, 1500 * DAY);
    apps.push({
      id: rng.id('0oa'),
      name: n === 1 || TEMPLATE_NAMES.has(entry.name) ? entry.name : `${entry.name}_${n}`,
      label: labelN === 1 ? entry.label : `${entry.label} ${labelN}`,
      status: i < MIN_APPS || rng.chance(0.88) ? 'ACTIVE' : 'INACTIVE',
      signOnMode: entry.signOnMode,
      created: time.iso(created),
      lastUpdated: time.iso(rng.between(0, created)),
      accessPolicyId: pickAccessPolicy(accessPolicies, rng),
      features: entry.provisioning ? provisioningFeatures(rng) : [],
      settings: appSettings(entry, rng),
    });
  }
  return apps;
}

/** Counts one more use of `key` and returns the new count. */
function bump(seen: Map<string, number>, key: string): number {
  const n = (seen.get(key) ?? 0) + 1;
  seen.set(key, n);
  return n;
}

/** Most apps use the MFA policy, some the 1FA default, a few the phishing-resistant one. */
function pickAccessPolicy(policies: readonly SimPolicy[], rng: Rng): string | null {
  if (policies.length === 0) return null;
  const weights = [3, 5, 2];
  return rng.weighted(policies.map((p, i) => [p.id, weights[i] ?? 1] as const));
}

/** Provisioning features; deactivation push is missing on some, which a deprovisioning check should notice. */
function provisioningFeatures(rng: Rng): string[] {
  const features = ['IMPORT_NEW_USERS', 'PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES'];
  if (rng.chance(0.7)) features.push('PUSH_USER_DEACTIVATION', 'REACTIVATE_USERS');
  return features;
}

function appSettings(entry: CatalogApp, rng: Rng): Record<string, unknown> {
  const base = `https://${entry.host}`;
  switch (entry.signOnMode) {
    case 'SAML_2_0':
      return {
        app: {},
        // Okta sends `defaultRelayState: null` when none is set; SPEC types it as a string, so it is left out.
        signOn: {
          ssoAcsUrl: `${base}/sso/saml`,
          recipient: `${base}/sso/saml`,
          destination: `${base}/sso/saml`,
          audience: `${base}/saml/metadata`,
          subjectNameIdTemplate: '${user.userName}',
          subjectNameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
          responseSigned: true,
          // A few integrations sign the response but not the assertion.
          assertionSigned: rng.chance(0.85),
          signatureAlgorithm: 'RSA_SHA256',
          digestAlgorithm: 'SHA256',
          honorForceAuthn: true,
          // Required by SPEC SamlApplicationSettingsSignOn; false is Okta's default for both.
          allowMultipleAcsEndpoints: false,
          requestCompressed: false,
          authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
          slo: { enabled: false },
        },
      };
    case 'OPENID_CONNECT': {
      // Some older clients still allow the implicit flow.
      const implicit = rng.chance(0.2);
      return {
        app: {},
        oauthClient: {
          // No logo: Okta sends `logo_uri: null`, SPEC types it as a string, so it is left out.
          client_uri: base,
          redirect_uris: [`${base}/authorization-code/callback`],
          post_logout_redirect_uris: [base],
          response_types: implicit ? ['code', 'token', 'id_token'] : ['code'],
          grant_types: implicit ? ['authorization_code', 'implicit', 'refresh_token'] : ['authorization_code', 'refresh_token'],
          application_type: 'web',
          consent_method: 'REQUIRED',
          issuer_mode: 'DYNAMIC',
        },
      };
    }
    case 'BOOKMARK':
      return { app: { requestIntegration: false, url: `${base}/` } };
    case 'AUTO_LOGIN':
      return { app: {}, signOn: { redirectUrl: `${base}/home`, loginUrl: `${base}/login` } };
  }
}

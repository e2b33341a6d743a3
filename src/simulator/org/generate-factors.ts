import { FASTPASS_DEVICES, PUSH_DEVICES, SECURITY_QUESTIONS, WEBAUTHN_AUTHENTICATORS } from './catalog.js';
import type { GeneratedUsers } from './generate-users.js';
import { fictionalPhone } from './generate-users.js';
import type { Rng } from './random.js';
import type { Timeline } from './time.js';
import type { SimFactor, SimUser } from './types.js';

export const FACTOR_KINDS = ['push', 'signed_nonce', 'totp_okta', 'totp_google', 'webauthn', 'sms', 'call', 'email', 'question'] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];

export interface FactorSpec {
  factorType: string;
  provider: string;
  /** Id prefix, as seen on real factors (OKTA-API.md §6.1). */
  prefix: string;
  profile(user: SimUser, rng: Rng): Record<string, unknown>;
}

/** factorType/provider pairs per OKTA-API.md §6.1; profiles carry only synthetic, non-secret values. */
export const FACTORS: Record<FactorKind, FactorSpec> = {
  push: { factorType: 'push', provider: 'OKTA', prefix: 'opf', profile: (u, rng) => ({ credentialId: u.profile.login, ...rng.pick(PUSH_DEVICES) }) },
  signed_nonce: { factorType: 'signed_nonce', provider: 'OKTA', prefix: 'pfd', profile: (u, rng) => ({ credentialId: u.profile.login, ...rng.pick(FASTPASS_DEVICES) }) },
  totp_okta: { factorType: 'token:software:totp', provider: 'OKTA', prefix: 'ost', profile: (u) => ({ credentialId: u.profile.login }) },
  totp_google: { factorType: 'token:software:totp', provider: 'GOOGLE', prefix: 'uft', profile: (u) => ({ credentialId: u.profile.login }) },
  webauthn: { factorType: 'webauthn', provider: 'FIDO', prefix: 'fwf', profile: (_u, rng) => ({ credentialId: rng.base62(43), authenticatorName: rng.pick(WEBAUTHN_AUTHENTICATORS) }) },
  sms: { factorType: 'sms', provider: 'OKTA', prefix: 'mbl', profile: (u, rng) => ({ phoneNumber: factorPhone(u, rng) }) },
  // SPEC UserFactorCallProfile types phoneExtension as nullable, and Okta sends null when there is none.
  call: { factorType: 'call', provider: 'OKTA', prefix: 'clf', profile: (u, rng) => ({ phoneNumber: factorPhone(u, rng), phoneExtension: null }) },
  email: { factorType: 'email', provider: 'OKTA', prefix: 'emf', profile: (u) => ({ email: u.profile.login }) },
  question: { factorType: 'question', provider: 'OKTA', prefix: 'ufs', profile: (_u, rng) => ({ ...rng.pick(SECURITY_QUESTIONS) }) },
};

/**
 * The user's mobile number (or a fresh fictional one) in E.164, which SPEC UserFactorSMSProfile/CallProfile require
 * (`^\+[1-9]\d{1,14}$`): `+1-415-555-0137` in the profile is `+14155550137` on the factor. Still in 555-01xx.
 */
function factorPhone(user: SimUser, rng: Rng): string {
  return '+' + (user.profile.mobilePhone ?? fictionalPhone(rng)).replace(/\D/g, '');
}

/** Share of users able to sign in who enrolled nothing: the population an "MFA for all" check must find. */
const NO_FACTOR_RATE = 0.08;

/**
 * Enrolled factors per user. Users who can sign in get a realistic mix (Okta Verify heavy, some phishing-resistant,
 * some SMS-only); staged and provisioned users have none; suspended and deactivated users sometimes keep theirs.
 */
export function generateFactors(gen: GeneratedUsers, rng: Rng, time: Timeline): Record<string, SimFactor[]> {
  const out: Record<string, SimFactor[]> = {};
  gen.users.forEach((user, i) => {
    const kinds = drawKinds(user, rng);
    if (kinds.length === 0) return;
    // Factors were enrolled after activation and, for inactive users, before their status changed.
    const newest = user.status === 'SUSPENDED' || user.status === 'DEPROVISIONED' ? time.now - Date.parse(user.statusChanged ?? '') : 0;
    const oldest = Math.max(gen.activatedAgo[i] ?? 0, newest);
    const factors = kinds.map((kind) => makeFactor(kind, 'ACTIVE', user, rng, time, newest, oldest));
    if (rng.chance(0.06)) {
      // Started but never finished, e.g. a TOTP whose QR code was never scanned.
      const pending = kinds.includes('totp_google') ? 'webauthn' : 'totp_google';
      factors.push(makeFactor(pending, 'PENDING_ACTIVATION', user, rng, time, newest, oldest));
    }
    out[user.id] = factors;
  });
  return out;
}

function drawKinds(user: SimUser, rng: Rng): FactorKind[] {
  switch (user.status) {
    case 'STAGED':
    case 'PROVISIONED':
      return [];
    case 'SUSPENDED':
      if (!rng.chance(0.5)) return [];
      break;
    case 'DEPROVISIONED':
      if (!rng.chance(0.2)) return [];
      break;
    default:
      break;
  }
  if (rng.chance(NO_FACTOR_RATE)) return [];
  const kinds: FactorKind[] = [];
  if (rng.chance(0.6)) {
    kinds.push('push');
    if (rng.chance(0.7)) kinds.push('totp_okta');
    if (rng.chance(0.35)) kinds.push('signed_nonce');
  }
  if (rng.chance(0.12)) kinds.push('totp_google');
  if (rng.chance(0.15)) kinds.push('webauthn');
  if (rng.chance(0.3)) kinds.push('sms');
  if (rng.chance(0.06)) kinds.push('call');
  if (rng.chance(0.4)) kinds.push('email');
  if (rng.chance(0.12)) kinds.push('question');
  if (kinds.length === 0) kinds.push(rng.chance(0.5) ? 'sms' : 'email');
  return kinds;
}

function makeFactor(kind: FactorKind, status: string, user: SimUser, rng: Rng, time: Timeline, newest: number, oldest: number): SimFactor {
  const spec = FACTORS[kind];
  const created = rng.between(newest, Math.max(newest, oldest));
  return {
    id: rng.id(spec.prefix),
    factorType: spec.factorType,
    provider: spec.provider,
    vendorName: spec.provider,
    status,
    created: time.iso(created),
    lastUpdated: time.iso(rng.chance(0.7) ? created : rng.between(newest, created)),
    profile: spec.profile(user, rng),
  };
}

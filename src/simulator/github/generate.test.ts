import { describe, expect, it } from 'vitest';
import { generateWorld, type GenerateWorldInput } from './generate.js';
import type { GhWorld } from './model.js';
import { githubOrgSpecSchema, githubSimulatorOptionsSchema } from './options.js';
import { oktaPeopleForSeed } from './people.js';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const APP = { id: 1, clientId: 'Iv1', slug: 'sim', publicKeyPem: '' };

function world(overrides: Partial<GenerateWorldInput> = {}, oktaUsers = 300): GhWorld {
  const { orgs } = githubSimulatorOptionsSchema.parse({});
  return generateWorld({ seed: 5, now: NOW, orgs, people: oktaPeopleForSeed(1, oktaUsers, NOW), app: APP, ...overrides });
}

/** A stable summary of what a world holds, to compare two generations. */
function summary(w: GhWorld): unknown {
  return [...w.orgs.values()].map((o) => ({
    members: o.members.map((m) => [m.user.login, m.role, m.user.twoFactor]),
    identities: o.samlProvider?.identities.map((i) => [i.nameId, i.user?.login ?? null]),
    collaborators: o.outsideCollaborators.map((u) => u.login),
    credentials: o.credentialAuthorizations.map((c) => [c.login, c.credential_type, c.credential_id]),
  }));
}

describe('generateWorld', () => {
  it('is deterministic for a seed and differs for another', () => {
    expect(summary(world())).toEqual(summary(world()));
    expect(summary(world({ seed: 6 }))).not.toEqual(summary(world()));
  });

  it('links members to Okta people: NameIDs are Okta logins, except the foreign ones', () => {
    const people = oktaPeopleForSeed(1, 300, NOW);
    const logins = new Set(people.map((p) => p.login));
    const eng = world().orgs.get('example-eng');
    const identities = eng?.samlProvider?.identities ?? [];
    const members = identities.filter((i) => i.user !== null && eng?.membersByLogin.has(i.user.login));
    expect(members.filter((i) => logins.has(i.nameId ?? '')).length).toBeGreaterThan(members.length * 0.8);
    expect(members.some((i) => i.nameId?.endsWith('@partners.example.com'))).toBe(true);
    // Some members never linked a SAML identity; some identities belong to no member (invited, former member).
    expect(eng?.members.some((m) => !identities.some((i) => i.user?.login === m.user.login))).toBe(true);
    expect(identities.some((i) => i.user === null)).toBe(true);
  });

  it('gives every org each case of 2FA, and removes collaborators without 2FA where 2FA is required', () => {
    for (const org of world().orgs.values()) {
      const states = new Set(org.members.map((m) => m.user.twoFactor));
      expect([...states].sort()).toEqual(['insecure', 'none', 'secure']);
      expect(org.members.filter((m) => m.role === 'admin').length).toBeGreaterThan(0);
      if (org.twoFactorRequired) expect(org.outsideCollaborators.every((u) => u.twoFactor !== 'none')).toBe(true);
    }
  });

  it('puts enterprise SAML on the enterprise and keeps one GitHub user per person across orgs', () => {
    const w = world();
    const platform = w.orgs.get('example-platform');
    expect(platform?.samlProvider).toBeNull();
    expect(w.enterprises.get('example-corp')?.samlProvider?.identities.length).toBeGreaterThan(0);
    expect(w.orgs.get('example-labs')?.credentialAuthorizations).toEqual([]);
    const admin = w.orgs.get('example-eng')?.members[0]?.user;
    for (const org of w.orgs.values()) expect(org.membersByLogin.get(admin?.login ?? '')?.role).toBe('admin');
  });

  it('builds a 5,000-member SAML org whose members are Okta people', () => {
    const big = world({ orgs: [githubOrgSpecSchema.parse({ login: 'big', members: 5000, saml: 'org' })] }, 6000);
    const org = big.orgs.get('big');
    expect(org?.members).toHaveLength(5000);
    expect(new Set(org?.members.map((m) => m.user.login)).size).toBe(5000);
    expect(org?.samlProvider?.identities.length).toBeGreaterThan(4000);
  });
});

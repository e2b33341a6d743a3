import { describe, expect, it } from 'vitest';
import { generateOrg } from './generate.js';
import { DAY } from './time.js';
import { USER_STATUSES, type SimOrg } from './types.js';

const NOW = Date.parse('2026-05-15T12:00:00.000Z');
const org = generateOrg({ users: 2000, seed: 42, now: NOW });

/** The serialisable parts compared for determinism; log events are compared by sample. */
function snapshot(o: SimOrg, { logs = true } = {}): string {
  return JSON.stringify({
    users: o.users,
    factors: [...o.factorsByUser],
    groups: o.groups,
    members: [...o.groupMembers],
    apps: o.apps,
    appUsers: [...o.appUsers],
    appGroups: [...o.appGroups],
    policies: o.policies,
    rules: [...o.rulesByPolicy],
    roles: [...o.rolesByUser],
    logs: logs ? [0, 1, 500, o.logs.size - 1].map((i) => o.logs.event(i)) : [],
  });
}

const ago = (iso: string | null): number => (iso === null ? Number.NaN : NOW - Date.parse(iso));

describe('generateOrg determinism', () => {
  it('gives the same org for the same users, seed and now', () => {
    const small = (seed: number) => generateOrg({ users: 300, seed, now: NOW });
    expect(snapshot(small(5))).toBe(snapshot(small(5)));
  });

  it('gives a different org for a different seed', () => {
    const a = generateOrg({ users: 300, seed: 5, now: NOW });
    const b = generateOrg({ users: 300, seed: 6, now: NOW });
    expect(a.users.map((u) => u.id)).not.toEqual(b.users.map((u) => u.id));
  });

  it('moves entity timestamps with now and changes nothing else', () => {
    // Log times follow a UTC working-week rhythm, so they (and lastLogin, synced from them) are not a pure shift.
    const entities = (o: SimOrg) => snapshot(o, { logs: false }).replace(/"lastLogin":("[^"]*"|null)/g, '');
    const a = generateOrg({ users: 200, seed: 9, now: NOW });
    const b = generateOrg({ users: 200, seed: 9, now: NOW + DAY });
    const shift = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, (t) => new Date(Date.parse(t) + DAY).toISOString());
    expect(shift(entities(a))).toBe(entities(b));
    expect(b.logs.size).toBe(a.logs.size);
  });
});

describe('generateOrg users', () => {
  it('has every status, mostly ACTIVE, with DEPROVISIONED among them', () => {
    const counts = new Map<string, number>();
    for (const u of org.users) counts.set(u.status, (counts.get(u.status) ?? 0) + 1);
    for (const status of USER_STATUSES) expect(counts.get(status), status).toBeGreaterThan(0);
    const active = (counts.get('ACTIVE') ?? 0) / org.users.length;
    expect(active).toBeGreaterThan(0.72);
    expect(active).toBeLessThan(0.84);
    expect(counts.get('DEPROVISIONED')).toBeGreaterThan(50);
  });

  it('keeps timestamps consistent with status and in the past', () => {
    for (const u of org.users) {
      const created = ago(u.created);
      expect(created).toBeGreaterThanOrEqual(0);
      if (u.status === 'STAGED') {
        expect([u.activated, u.lastLogin, u.passwordChanged, u.statusChanged]).toEqual([null, null, null, null]);
        expect(u.credentials.password).toBeUndefined();
        continue;
      }
      expect(ago(u.activated)).toBeLessThanOrEqual(created);
      if (u.status === 'PROVISIONED') expect(u.lastLogin).toBeNull();
      if (u.status === 'DEPROVISIONED' || u.status === 'SUSPENDED') {
        expect(u.statusChanged).not.toBeNull();
        if (u.lastLogin !== null) expect(ago(u.lastLogin)).toBeGreaterThanOrEqual(ago(u.statusChanged));
      }
      if (u.status === 'PASSWORD_EXPIRED') expect(ago(u.passwordChanged)).toBeGreaterThan(90 * DAY);
      if (u.lastLogin !== null) expect(ago(u.lastLogin)).toBeGreaterThanOrEqual(0);
    }
  });

  it('spreads lastLogin over recent, 30–90 days, over 90 days and never', () => {
    const buckets = { recent: 0, mid: 0, old: 0, never: 0 };
    for (const u of org.users) {
      const t = ago(u.lastLogin);
      if (u.lastLogin === null) buckets.never++;
      else if (t < 30 * DAY) buckets.recent++;
      else if (t < 90 * DAY) buckets.mid++;
      else buckets.old++;
    }
    for (const [bucket, n] of Object.entries(buckets)) expect(n, bucket).toBeGreaterThan(50);
  });

  it('uses unique synthetic example.com logins and never holds secrets', () => {
    const logins = org.users.map((u) => u.profile.login);
    expect(new Set(logins).size).toBe(logins.length);
    for (const u of org.users) {
      expect(u.profile.login).toMatch(/^[a-z]+\.[a-z]+(\+\d+)?@example\.com$/);
      expect(u.profile.email).toBe(u.profile.login);
      expect(u.id).toMatch(/^00u[0-9A-Za-z]{17}$/);
      if (u.credentials.password !== undefined) expect(u.credentials.password).toEqual({});
    }
    const providers = new Set(org.users.map((u) => u.credentials.provider.type));
    expect(providers).toEqual(new Set(['OKTA', 'ACTIVE_DIRECTORY', 'FEDERATION', 'SOCIAL']));
  });

  it('has the identity states an MFA check must get right: federated and social users without Okta factors, knowledge-only users', () => {
    const org = generateOrg({ users: 2000, seed: 11, now: NOW });
    const external = org.users.filter((u) => u.credentials.provider.type === 'FEDERATION' || u.credentials.provider.type === 'SOCIAL');
    expect(external.length).toBeGreaterThan(20);
    for (const user of external) {
      expect(org.factorsByUser.get(user.id) ?? []).toEqual([]);
      expect(user.credentials.password).toBeUndefined();
      expect(user.credentials.provider.name).toBe(user.credentials.provider.type);
    }
    const knowledgeOnly = org.users.filter((u) => {
      const factors = org.factorsByUser.get(u.id) ?? [];
      return factors.length > 0 && factors.every((f) => f.factorType === 'question');
    });
    expect(knowledgeOnly.length).toBeGreaterThan(5);
  });

  it('is an Identity Engine org where email is an allowed authenticator, with users whose only factor is email (as auto-enrolled)', () => {
    const org = generateOrg({ users: 2000, seed: 11, now: NOW });
    expect(org.pipeline).toBe('idx');
    const enroll = org.policies.filter((p) => p.type === 'MFA_ENROLL').flatMap((p) => (p.settings?.authenticators ?? []) as { key: string; enroll: { self: string } }[]);
    expect(enroll).toContainEqual({ key: 'okta_email', enroll: { self: 'OPTIONAL' } });
    const emailOnly = org.users.filter((u) => {
      const factors = org.factorsByUser.get(u.id) ?? [];
      return u.status === 'ACTIVE' && factors.length > 0 && factors.every((f) => f.factorType === 'email');
    });
    expect(emailOnly.length).toBeGreaterThan(5);
  });
});

describe('generateOrg factors', () => {
  const all = [...org.factorsByUser.values()].flat();

  it('covers every factor type and provider the collector must understand', () => {
    const kinds = new Set(all.map((f) => `${f.factorType}/${f.provider}`));
    for (const kind of ['push/OKTA', 'signed_nonce/OKTA', 'token:software:totp/OKTA', 'token:software:totp/GOOGLE', 'webauthn/FIDO', 'sms/OKTA', 'call/OKTA', 'email/OKTA', 'question/OKTA']) {
      expect(kinds.has(kind), kind).toBe(true);
    }
    expect(all.some((f) => f.status === 'PENDING_ACTIVATION')).toBe(true);
  });

  it('gives push factors a device profile and phones synthetic numbers in E.164', () => {
    const push = all.find((f) => f.factorType === 'push');
    expect(push?.profile).toMatchObject({ deviceType: expect.any(String) as unknown, platform: expect.any(String) as unknown, name: expect.any(String) as unknown });
    // SPEC UserFactorSMSProfile/CallProfile: E.164; still the fictional 555-01xx range.
    for (const f of all.filter((x) => x.factorType === 'sms' || x.factorType === 'call')) expect(f.profile.phoneNumber).toMatch(/^\+1\d{3}55501\d{2}$/);
    // The factor carries the user's own mobile number when the profile has one.
    for (const [userId, factors] of org.factorsByUser) {
      const mobile = org.usersById.get(userId)?.profile.mobilePhone;
      for (const f of factors.filter((x) => x.factorType === 'sms' && typeof mobile === 'string')) expect(f.profile.phoneNumber).toBe('+' + (mobile ?? '').replace(/\D/g, ''));
    }
  });

  it('leaves about 8 % of users who can sign in without any factor, and staged users with none', () => {
    const canSignIn = org.users.filter((u) => ['ACTIVE', 'RECOVERY', 'LOCKED_OUT', 'PASSWORD_EXPIRED'].includes(u.status));
    const bare = canSignIn.filter((u) => (org.factorsByUser.get(u.id) ?? []).length === 0).length / canSignIn.length;
    expect(bare).toBeGreaterThan(0.04);
    expect(bare).toBeLessThan(0.14);
    for (const u of org.users.filter((x) => x.status === 'STAGED')) expect(org.factorsByUser.get(u.id)).toBeUndefined();
  });
});

describe('generateOrg groups', () => {
  it('has Everyone with all users, department groups and an imported AD group without a source app', () => {
    const everyone = org.groups.find((g) => g.type === 'BUILT_IN');
    expect(everyone?.profile.name).toBe('Everyone');
    expect(org.groupMembers.get(everyone?.id ?? '')).toHaveLength(org.users.length);
    const appGroup = org.groups.find((g) => g.type === 'APP_GROUP');
    expect(appGroup?.objectClass).toEqual(['okta:windows_security_principal']);
    // The AD integration itself cannot be served within SPEC (signOnMode null), so the group has no `source` link.
    expect(appGroup?.sourceAppId).toBeUndefined();
    for (const g of org.groups.filter((x) => x.type !== 'APP_GROUP')) expect(g.objectClass).toEqual(['okta:user_group']);
    const names = new Set(org.groups.map((g) => g.profile.name));
    for (const name of ['Engineering', 'Sales', 'Admins', 'Contractors']) expect(names.has(name), name).toBe(true);
  });

  it("keeps each user's groups consistent with group members", () => {
    const byName = new Map(org.groups.map((g) => [g.profile.name, g.id]));
    const members = new Map([...org.groupMembers].map(([g, ids]) => [g, new Set(ids)]));
    const wrong: string[] = [];
    for (const u of org.users) {
      const groups = org.userGroups.get(u.id) ?? [];
      for (const g of groups) if (!members.get(g)?.has(u.id)) wrong.push(`${u.id} not in ${g}`);
      if (!groups.includes(byName.get(u.profile.department ?? '') ?? '')) wrong.push(`${u.id} not in its department`);
    }
    expect(wrong).toEqual([]);
    let memberships = 0;
    for (const members of org.groupMembers.values()) memberships += members.length;
    expect([...org.userGroups.values()].reduce((n, g) => n + g.length, 0)).toBe(memberships);
  });
});

describe('generateOrg apps and assignments', () => {
  const policies = new Map(org.policies.map((p) => [p.id, p]));

  it('has about one app per 25 users, every sign-on mode, and access policies that exist', () => {
    expect(org.apps.length).toBe(2000 / 25);
    expect(new Set(org.apps.map((a) => a.signOnMode))).toEqual(new Set(['SAML_2_0', 'OPENID_CONNECT', 'BOOKMARK', 'AUTO_LOGIN']));
    expect(new Set(org.apps.map((a) => a.status))).toEqual(new Set(['ACTIVE', 'INACTIVE']));
    // Apps built from a template share its key (SPEC fixes `oidc_client` and `bookmark`); catalog apps are numbered.
    const templates = new Set(['oidc_client', 'bookmark', 'template_swa']);
    const catalogNames = org.apps.filter((a) => !templates.has(a.name)).map((a) => a.name);
    expect(new Set(catalogNames).size).toBe(catalogNames.length);
    for (const app of org.apps.filter((a) => a.signOnMode === 'OPENID_CONNECT')) expect(app.name).toBe('oidc_client');
    for (const app of org.apps.filter((a) => a.signOnMode === 'BOOKMARK')) expect(app.name).toBe('bookmark');
    for (const app of org.apps) expect(policies.get(app.accessPolicyId ?? '')?.type).toBe('ACCESS_POLICY');
  });

  it('lists exactly the members of assigned groups with scope GROUP', () => {
    let grouped = 0;
    for (const app of org.apps) {
      const groups = org.appGroups.get(app.id) ?? [];
      const viaGroups = new Set(groups.flatMap((g) => org.groupMembers.get(g.id) ?? []));
      const rows = org.appUsers.get(app.id) ?? [];
      const groupScoped = rows.filter((r) => r.scope === 'GROUP').map((r) => r.id);
      expect(new Set(groupScoped)).toEqual(viaGroups);
      expect(groupScoped).toHaveLength(viaGroups.size);
      if (groups.length > 0) grouped++;
      groups.forEach((g, k) => expect(g.priority).toBe(k));
      for (const row of rows) expect(row.credentials.userName).toBe(org.usersById.get(row.id)?.profile.login);
    }
    expect(grouped).toBeGreaterThan(3);
  });

  it('leaves direct assignments with suspended and deactivated users (orphaned access)', () => {
    const direct = [...org.appUsers.values()].flat().filter((r) => r.scope === 'USER');
    const statuses = new Set(direct.map((r) => org.usersById.get(r.id)?.status));
    expect(statuses.has('DEPROVISIONED')).toBe(true);
    expect(statuses.has('SUSPENDED')).toBe(true);
  });
});

describe('generateOrg policies and roles', () => {
  const byType = (type: string) => org.policies.filter((p) => p.type === type);
  const rules = (id: string) => org.rulesByPolicy.get(id) ?? [];

  it('has Classic and Identity Engine MFA_ENROLL shapes', () => {
    const settings = byType('MFA_ENROLL').map((p) => p.settings ?? {});
    expect(settings.some((s) => 'factors' in s)).toBe(true);
    expect(settings.some((s) => s.type === 'AUTHENTICATORS' && Array.isArray(s.authenticators))).toBe(true);
  });

  it('has a weak system default password policy, a strict one and an inactive one, without nulls SPEC forbids', () => {
    const passwords = byType('PASSWORD');
    const defaults = passwords.find((p) => p.system);
    expect(defaults?.name).toBe('Default Policy');
    expect(JSON.stringify(defaults?.settings)).toContain('"minLength":8');
    // Okta's own example sends `minNumber: null`; SPEC types it as an integer, so the generated org leaves it out.
    expect(JSON.stringify(passwords)).not.toContain('null');
    expect(passwords.some((p) => p.status === 'INACTIVE')).toBe(true);
    expect(JSON.stringify(passwords)).toContain('"minLength":14');
  });

  it('has sign-on rules with and without MFA and app sign-in rules up to phishing resistance', () => {
    const signOn = byType('OKTA_SIGN_ON').flatMap((p) => rules(p.id));
    expect(signOn.every((r) => r.type === 'SIGN_ON')).toBe(true);
    expect(new Set(signOn.map((r) => JSON.stringify(r.actions).includes('"requireFactor":true')))).toEqual(new Set([true, false]));
    const access = byType('ACCESS_POLICY').flatMap((p) => rules(p.id));
    expect(access.some((r) => r.name === 'Catch-all Rule' && r.priority === 99 && r.system)).toBe(true);
    expect(JSON.stringify(access)).toContain('"phishingResistant":"REQUIRED"');
    expect(JSON.stringify(access)).toContain('"factorMode":"1FA"');
  });

  it('gives every policy rules, and every policy but app sign-in ones a people condition naming existing groups', () => {
    for (const p of org.policies) {
      expect(rules(p.id).length, p.name).toBeGreaterThan(0);
      // Apps point at app sign-in policies; Okta sends their conditions as null, which SPEC AccessPolicy allows.
      if (p.type === 'ACCESS_POLICY') {
        expect(p.conditions).toBeNull();
        continue;
      }
      const include = ((p.conditions?.people as { groups: { include: string[] } }).groups.include);
      expect(include.length).toBeGreaterThan(0);
      for (const g of include) expect(org.groupsById.has(g)).toBe(true);
    }
  });

  it('has a handful of admins, a super admin and a role inherited through the Admins group', () => {
    const assignments = [...org.rolesByUser.values()].flat();
    const directUsers = [...org.rolesByUser].filter(([, roles]) => roles.some((r) => r.assignmentType === 'USER'));
    expect(directUsers.length).toBe(10);
    expect(assignments.some((r) => r.type === 'SUPER_ADMIN')).toBe(true);
    const admins = org.groups.find((g) => g.profile.name === 'Admins');
    const inherited = assignments.filter((r) => r.assignmentType === 'GROUP');
    expect(inherited.length).toBeGreaterThan(0);
    expect(inherited.every((r) => r.groupId === admins?.id)).toBe(true);
    for (const member of org.groupMembers.get(admins?.id ?? '') ?? []) {
      expect(org.rolesByUser.get(member)?.some((r) => r.assignmentType === 'GROUP')).toBe(true);
    }
  });
});

describe('generateOrg sizes', () => {
  it('copes with an empty and a one-user org', () => {
    const empty = generateOrg({ users: 0, seed: 1, now: NOW });
    expect(empty.users).toEqual([]);
    expect(empty.logs.size).toBe(0);
    expect(empty.apps.length).toBeGreaterThanOrEqual(3);
    const one = generateOrg({ users: 1, seed: 1, now: NOW });
    expect(one.users).toHaveLength(1);
    expect(one.logs.size).toBe(14);
  });

  it('generates a 50,000-user org with 700,000 events', () => {
    const big = generateOrg({ users: 50_000, seed: 7, now: NOW });
    expect(big.users).toHaveLength(50_000);
    expect(big.logs.size).toBe(700_000);
    expect(big.logs.event(699_999).eventType).toEqual(expect.any(String));
  });

  it('rejects nonsense sizes', () => {
    expect(() => generateOrg({ users: -1, seed: 1, now: NOW })).toThrow(RangeError);
    expect(() => generateOrg({ users: 1.5, seed: 1, now: NOW })).toThrow(RangeError);
  });
});

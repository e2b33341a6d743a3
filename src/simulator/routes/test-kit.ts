/**
 * Test helpers for the route tests: a crafted example.com org, an app with only the routes (no auth or traffic hooks),
 * and Link-header helpers. Not used by the simulator itself.
 */
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import type { SimContext } from '../context.js';
import { simulatorOptionsSchema } from '../options.js';
import { buildOrg, type OrgParts } from '../org/build.js';
import type { SimApp, SimAppUser, SimGroup, SimPolicy, SimPolicyRule, SimUser, UserStatus } from '../org/types.js';
import { newStats } from '../stats.js';
import { registerRoutes } from './index.js';

export const BASE_URL = 'http://127.0.0.1:9999';
export const NOW = Date.parse('2026-06-15T12:00:00.000Z');

/** A 20-character Okta-style id: prefix + zero-padded number. */
export function oktaId(prefix: string, n: number): string {
  return prefix + String(n).padStart(17, '0');
}

export function makeUser(n: number, overrides: Partial<Omit<SimUser, 'profile'>> & { profile?: Partial<SimUser['profile']> } = {}): SimUser {
  const { profile, ...rest } = overrides;
  const login = profile?.login ?? `user${n}@example.com`;
  return {
    id: oktaId('00u', n),
    status: 'ACTIVE',
    created: '2025-01-01T00:00:00.000Z',
    activated: '2025-01-01T00:00:00.000Z',
    statusChanged: '2025-01-01T00:00:00.000Z',
    lastLogin: null,
    lastUpdated: '2026-01-01T00:00:00.000Z',
    passwordChanged: '2025-01-01T00:00:00.000Z',
    type: { id: 'oty00000000000000001' },
    credentials: { password: {}, recovery_question: { question: 'First pet?' }, provider: { type: 'OKTA', name: 'OKTA' } },
    ...rest,
    profile: { login, email: login, firstName: `First${n}`, lastName: `Last${n}`, ...profile },
  };
}

/** `count` users numbered from 1; the statuses cycle through `statuses`. */
export function makeUsers(count: number, statuses: readonly UserStatus[] = ['ACTIVE']): SimUser[] {
  return Array.from({ length: count }, (_, i) => makeUser(i + 1, { status: statuses[i % statuses.length] ?? 'ACTIVE' }));
}

function group(n: number, name: string, type: SimGroup['type'], extra: Partial<SimGroup> = {}): SimGroup {
  return {
    id: oktaId('00g', n),
    created: '2024-01-01T00:00:00.000Z',
    lastUpdated: '2025-06-01T00:00:00.000Z',
    lastMembershipUpdated: '2026-03-01T00:00:00.000Z',
    objectClass: ['okta:user_group'],
    type,
    profile: { name, description: null },
    ...extra,
  };
}

function app(n: number, name: string, label: string, status: SimApp['status'], accessPolicyId: string | null): SimApp {
  return {
    id: oktaId('0oa', n),
    name,
    label,
    status,
    signOnMode: 'SAML_2_0',
    created: '2024-02-01T00:00:00.000Z',
    lastUpdated: '2025-02-01T00:00:00.000Z',
    accessPolicyId,
    features: [],
    settings: {},
  };
}

function appUser(user: SimUser, scope: SimAppUser['scope']): SimAppUser {
  return {
    id: user.id,
    scope,
    status: 'PROVISIONED',
    syncState: 'SYNCHRONIZED',
    externalId: null,
    created: '2025-03-01T00:00:00.000Z',
    lastUpdated: '2025-03-01T00:00:00.000Z',
    statusChanged: '2025-03-01T00:00:00.000Z',
    credentials: { userName: user.profile.login },
    profile: {},
  };
}

function policy(id: string, type: string, name: string, priority: number, status: SimPolicy['status'] = 'ACTIVE'): SimPolicy {
  return {
    id,
    type,
    name,
    description: null,
    status,
    priority,
    system: name.startsWith('Default'),
    conditions: null,
    settings: type === 'PASSWORD' ? { password: { complexity: { minLength: 12 } } } : null,
    created: '2024-01-01T00:00:00.000Z',
    lastUpdated: '2025-01-01T00:00:00.000Z',
  };
}

function rule(id: string, name: string, priority: number): SimPolicyRule {
  return {
    id,
    type: 'ACCESS_POLICY',
    name,
    priority,
    status: 'ACTIVE',
    system: priority === 99,
    conditions: null,
    actions: { appSignOn: { access: 'ALLOW', verificationMethod: { factorMode: '2FA', type: 'ASSURANCE' } } },
    created: '2024-01-01T00:00:00.000Z',
    lastUpdated: '2025-01-01T00:00:00.000Z',
  };
}

/** The users of the crafted org, by role in the tests. */
export const alice = makeUser(1, { profile: { login: 'alice.smith@example.com', firstName: 'Alice', lastName: 'Smith', department: 'Engineering' } });
export const bob = makeUser(2, { profile: { login: 'bob.jones@example.com', firstName: 'Bob', lastName: 'Jones' }, lastUpdated: '2026-05-01T00:00:00.000Z' });
export const carol = makeUser(3, { status: 'DEPROVISIONED', profile: { login: 'carol.white@example.com', firstName: 'Carol', lastName: 'White' } });
export const dave = makeUser(4, { status: 'SUSPENDED', profile: { login: 'dave.brown@example.com', firstName: 'Dave', lastName: 'Brown' } });
export const erin = makeUser(5, { status: 'STAGED', profile: { login: 'erin.black@example.com', firstName: 'Erin', lastName: 'Black' } });
export const alina = makeUser(6, { status: 'DEPROVISIONED', profile: { login: 'alina.green@example.com', firstName: 'Alina', lastName: 'Green' } });
export const sam1 = makeUser(7, { profile: { login: 'sam@example.com', firstName: 'Sam', lastName: 'One' } });
export const sam2 = makeUser(8, { profile: { login: 'sam@eng.example.com', firstName: 'Sam', lastName: 'Two' } });

export const everyone = group(1, 'Everyone', 'BUILT_IN');
export const engineering = group(2, 'Engineering', 'OKTA_GROUP');
export const adAdmins = group(3, 'AD Admins', 'APP_GROUP', { sourceAppId: oktaId('0oa', 9) });

export const salesforce = app(1, 'salesforce', 'Salesforce', 'ACTIVE', 'rst00000000000000001');
export const workday = app(2, 'workday', 'Workday', 'INACTIVE', null);
export const slack = app(3, 'slack', 'Slack', 'ACTIVE', 'rst00000000000000001');
export const github = app(4, 'github', 'GitHub', 'ACTIVE', null);

/**
 * A small org covering every relation: alice reaches salesforce and workday directly and slack through Engineering;
 * bob reaches salesforce directly and github through AD Admins (a group assignment with no materialised app-user rows).
 */
export function craftedOrg(): OrgParts {
  const users = [alice, bob, carol, dave, erin, alina, sam1, sam2];
  return {
    name: 'acme',
    users,
    groups: [everyone, engineering, adAdmins],
    groupMembers: {
      [everyone.id]: users.map((u) => u.id),
      [engineering.id]: [alice.id, carol.id],
      [adAdmins.id]: [bob.id],
    },
    factors: {
      [alice.id]: [
        { id: 'opf00000000000000001', factorType: 'push', provider: 'OKTA', vendorName: 'OKTA', status: 'ACTIVE', created: '2025-01-15T18:10:06.000Z', lastUpdated: '2025-01-15T18:10:06.000Z', profile: { name: 'My Phone' } },
        { id: 'fwf00000000000000001', factorType: 'webauthn', provider: 'FIDO', vendorName: 'FIDO', status: 'ACTIVE', created: '2025-02-01T10:00:00.000Z', lastUpdated: '2025-02-01T10:00:00.000Z', profile: { authenticatorName: 'Touch ID' } },
      ],
    },
    apps: [salesforce, workday, slack, github],
    appUsers: {
      [salesforce.id]: [appUser(alice, 'USER'), appUser(bob, 'USER')],
      [workday.id]: [appUser(alice, 'USER')],
      [slack.id]: [appUser(alice, 'GROUP'), appUser(carol, 'GROUP')],
    },
    appGroups: {
      [slack.id]: [{ id: engineering.id, priority: 0, lastUpdated: '2025-03-01T00:00:00.000Z', profile: {} }],
      [github.id]: [{ id: adAdmins.id, priority: 0, lastUpdated: '2025-03-01T00:00:00.000Z', profile: {} }],
    },
    policies: [
      policy('00p00000000000000002', 'PASSWORD', 'Contractors', 2),
      policy('00p00000000000000001', 'PASSWORD', 'Default Policy', 1),
      policy('00p00000000000000003', 'PASSWORD', 'Legacy', 3, 'INACTIVE'),
      policy('rst00000000000000001', 'ACCESS_POLICY', 'Default Policy', 1),
      policy('rst00000000000000002', 'ACCESS_POLICY', 'Unused', 2),
    ],
    policyRules: {
      rst00000000000000001: [rule('rul00000000000000002', 'Catch-all Rule', 99), rule('rul00000000000000001', 'Admins need MFA', 1)],
    },
    roles: {
      [alice.id]: [
        { id: 'ra100000000000000001', label: 'Super Administrator', type: 'SUPER_ADMIN', status: 'ACTIVE', created: '2024-01-01T00:00:00.000Z', lastUpdated: '2024-01-01T00:00:00.000Z', assignmentType: 'USER' },
      ],
      [bob.id]: [
        { id: 'ra100000000000000002', label: 'Read Only Administrator', type: 'READ_ONLY_ADMIN', status: 'ACTIVE', created: '2024-01-01T00:00:00.000Z', lastUpdated: '2024-01-01T00:00:00.000Z', assignmentType: 'GROUP', groupId: adAdmins.id },
      ],
      [dave.id]: [],
      [erin.id]: [
        { id: 'ra100000000000000003', label: 'Help Desk Administrator', type: 'HELP_DESK_ADMIN', status: 'ACTIVE', created: '2024-01-01T00:00:00.000Z', lastUpdated: '2024-01-01T00:00:00.000Z', assignmentType: 'USER' },
      ],
    },
  };
}

export interface RoutesApp {
  app: FastifyInstance;
  ctx: SimContext;
}

/** Only the routes, as the brief for route tests says: no auth, rate-limit or fault hooks. */
export async function routesApp(parts: OrgParts = craftedOrg(), now = NOW): Promise<RoutesApp> {
  const ctx: SimContext = {
    org: buildOrg(parts),
    options: simulatorOptionsSchema.parse({}),
    stats: newStats(),
    clock: () => now,
    baseUrl: BASE_URL,
  };
  const app = Fastify();
  registerRoutes(app, ctx);
  await app.ready();
  return { app, ctx };
}

/** The URL of the Link header with relation `rel`, or null. */
export function linkOf(res: LightMyRequestResponse, rel: string): string | null {
  const header = res.headers.link;
  const values = header === undefined ? [] : Array.isArray(header) ? header : [header];
  for (const value of values.flatMap((v) => v.split(/,(?=\s*<)/))) {
    const match = /^\s*<([^>]*)>\s*;\s*rel="([^"]*)"/.exec(value);
    if (match?.[2] === rel) return match[1] ?? null;
  }
  return null;
}

/** Path and query of an absolute link, for `inject`. */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

/** Follows `next` links from `url`, returning every page's JSON body. Fails after `maxPages` to catch endless paging. */
export async function walkPages<T>(app: FastifyInstance, url: string, maxPages = 100): Promise<T[][]> {
  const pages: T[][] = [];
  let next: string | null = url;
  while (next !== null) {
    if (pages.length >= maxPages) throw new Error(`more than ${maxPages} pages from ${url}`);
    const res = await app.inject({ method: 'GET', url: next });
    if (res.statusCode !== 200) throw new Error(`${next} → ${res.statusCode} ${res.body}`);
    pages.push(res.json<T[]>());
    const link = linkOf(res, 'next');
    next = link === null ? null : pathOf(link);
  }
  return pages;
}

import { z } from 'zod';
import { ADMIN_ROLES } from './catalog.js';
import { SECOND } from './time.js';
import { USER_STATUSES, type SimUser } from './types.js';
import { READ_SCOPES } from '../auth/scopes.js';

/**
 * The org file: `OrgParts` from build.ts as JSON (logs as an array), plus API credentials the simulator accepts.
 *
 * Lenient where Okta is lenient: every entity keeps unknown fields (Okta adds fields over time and custom profile
 * attributes are free-form), and fields Okta fills itself (timestamps, `_links`-free defaults, `objectClass`) may be
 * left out. Strict where a mistake would silently change what a check sees: ids, statuses, `profile.login`,
 * factor types, and unknown top-level keys (a typo like `user` would otherwise give an empty org).
 *
 * Timestamps are ISO-8601, or relative to the simulator's clock — `now`, `now-90d`, `now-2h`, `now+15m` — so a
 * fixture that says "last signed in 100 days ago" stays true.
 */

const RELATIVE_TIME = /^now(?:([+-])(\d+)([smhd]))?$/;
const UNIT_MS: Record<string, number> = { s: SECOND, m: 60 * SECOND, h: 3600 * SECOND, d: 86_400 * SECOND };

const FACTOR_STATUSES = ['ACTIVE', 'PENDING_ACTIVATION', 'NOT_SETUP', 'ENROLLED', 'INACTIVE', 'EXPIRED', 'DISABLED'] as const;
const PROVIDER_TYPES = ['OKTA', 'ACTIVE_DIRECTORY', 'LDAP', 'FEDERATION', 'SOCIAL', 'IMPORT'] as const;


const roleLabels: Record<string, string> = Object.fromEntries(Object.values(ADMIN_ROLES).map((r) => [r.type, r.label]));

/** Builds the schema for a given clock, so defaults and relative times resolve against the simulator's `now`. */
export function orgFileSchema(now: number) {
  const nowIso = new Date(Math.floor(now / SECOND) * SECOND).toISOString();
  const timestamp = z.string().transform((text, ctx) => {
    const relative = RELATIVE_TIME.exec(text);
    if (relative) {
      const [, sign, amount, unit] = relative;
      const offset = sign === undefined ? 0 : Number(amount) * (UNIT_MS[unit ?? 's'] ?? SECOND) * (sign === '-' ? -1 : 1);
      return new Date(Math.floor(now / SECOND) * SECOND + offset).toISOString();
    }
    if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text))) return text;
    ctx.addIssue({ code: 'custom', message: 'expected an ISO-8601 timestamp or now, now-<n>(s|m|h|d)' });
    return z.NEVER;
  });
  const optionalTime = timestamp.optional();
  const nullableTime = timestamp.nullable().optional();
  const id = z.string().min(1, 'must not be empty');
  const record = z.record(z.string(), z.unknown());

  const user = z
    .looseObject({
      id,
      status: z.enum(USER_STATUSES),
      created: optionalTime,
      activated: nullableTime,
      statusChanged: nullableTime,
      lastLogin: nullableTime,
      lastUpdated: optionalTime,
      passwordChanged: nullableTime,
      type: z.looseObject({ id }).optional(),
      profile: z.looseObject({
        login: id,
        email: z.string().min(1).optional(),
        firstName: z.string(),
        lastName: z.string(),
      }),
      credentials: z
        .looseObject({
          password: z.strictObject({}, 'must be {}: the simulator never holds password values').optional(),
          provider: z.looseObject({ type: z.enum(PROVIDER_TYPES), name: z.string() }),
        })
        .optional(),
    })
    .transform((u): SimUser => {
      const created = u.created ?? nowIso;
      const activated = u.activated !== undefined ? u.activated : u.status === 'STAGED' ? null : created;
      return {
        ...u,
        created,
        activated,
        statusChanged: u.statusChanged !== undefined ? u.statusChanged : activated,
        lastLogin: u.lastLogin ?? null,
        lastUpdated: u.lastUpdated ?? created,
        passwordChanged: u.passwordChanged ?? null,
        type: u.type ?? { id: 'oty1defaultusertype0' },
        profile: { ...u.profile, email: u.profile.email ?? u.profile.login },
        credentials: (u.credentials as SimUser['credentials'] | undefined) ?? {
          ...(u.status === 'STAGED' ? {} : { password: {} }),
          provider: { type: 'OKTA', name: 'OKTA' },
        },
      };
    });

  const factor = z.looseObject({ id, factorType: id, provider: id, vendorName: z.string().optional(), status: z.enum(FACTOR_STATUSES), created: optionalTime, lastUpdated: optionalTime, profile: record.default({}) })
    .transform((f) => ({ ...f, vendorName: f.vendorName ?? f.provider, created: f.created ?? nowIso, lastUpdated: f.lastUpdated ?? f.created ?? nowIso }));

  const groupType = z.enum(['OKTA_GROUP', 'APP_GROUP', 'BUILT_IN']);
  const group = z
    .looseObject({
      id,
      type: groupType.default('OKTA_GROUP'),
      created: optionalTime,
      lastUpdated: optionalTime,
      lastMembershipUpdated: optionalTime,
      objectClass: z.array(z.string()).optional(),
      profile: z.looseObject({ name: id, description: z.string().nullable().default(null) }),
      sourceAppId: z.string().optional(),
    })
    .transform((g) => ({
      ...g,
      created: g.created ?? nowIso,
      lastUpdated: g.lastUpdated ?? g.created ?? nowIso,
      lastMembershipUpdated: g.lastMembershipUpdated ?? g.created ?? nowIso,
      objectClass: g.objectClass ?? [g.type === 'APP_GROUP' ? 'okta:windows_security_principal' : 'okta:user_group'],
    }));

  const app = z
    .looseObject({
      id,
      name: id,
      label: z.string().optional(),
      status: z.enum(['ACTIVE', 'INACTIVE']),
      // Null is what Okta sends for directory integrations such as `active_directory` (okta/okta-sdk-dotnet#821).
      signOnMode: id.nullable(),
      created: optionalTime,
      lastUpdated: optionalTime,
      accessPolicyId: z.string().nullable().default(null),
      features: z.array(z.string()).default([]),
      settings: record.default({}),
    })
    .transform((a) => ({ ...a, label: a.label ?? a.name, created: a.created ?? nowIso, lastUpdated: a.lastUpdated ?? a.created ?? nowIso }));

  const appUser = z
    .looseObject({
      id,
      scope: z.enum(['USER', 'GROUP']).default('USER'),
      status: z.string().default('ACTIVE'),
      syncState: z.string().default('DISABLED'),
      externalId: z.string().nullable().default(null),
      created: optionalTime,
      lastUpdated: optionalTime,
      statusChanged: nullableTime,
      credentials: z.looseObject({ userName: z.string() }).optional(),
      profile: record.default({}),
    })
    .transform((a) => ({ ...a, created: a.created ?? nowIso, lastUpdated: a.lastUpdated ?? a.created ?? nowIso, statusChanged: a.statusChanged ?? a.created ?? nowIso }));

  const appGroup = z
    .looseObject({ id, priority: z.number().int().min(0).optional(), lastUpdated: optionalTime, profile: record.default({}) })
    .transform((g) => ({ ...g, lastUpdated: g.lastUpdated ?? nowIso }));

  const policy = z
    .looseObject({
      id,
      type: id,
      name: id,
      description: z.string().nullable().default(null),
      status: z.enum(['ACTIVE', 'INACTIVE']),
      priority: z.number().int().min(0).default(1),
      system: z.boolean().default(false),
      conditions: record.nullable().default(null),
      settings: record.nullable().default(null),
      created: optionalTime,
      lastUpdated: optionalTime,
    })
    .transform((p) => ({ ...p, created: p.created ?? nowIso, lastUpdated: p.lastUpdated ?? p.created ?? nowIso }));

  // `type` and `priority` default from the policy and the rule's position, which load.ts knows.
  const rule = z
    .looseObject({
      id,
      type: z.string().min(1).optional(),
      name: id,
      priority: z.number().int().min(0).optional(),
      status: z.enum(['ACTIVE', 'INACTIVE']).default('ACTIVE'),
      system: z.boolean().default(false),
      // Left out when the file leaves it out (SPEC: an object); an explicit null is served as null, like Okta's catch-all rules.
      conditions: record.nullable().optional(),
      actions: record.default({}),
      created: optionalTime,
      lastUpdated: optionalTime,
    })
    .transform((r) => ({ ...r, created: r.created ?? nowIso, lastUpdated: r.lastUpdated ?? r.created ?? nowIso }));

  const role = z
    .looseObject({
      id,
      type: id,
      label: z.string().optional(),
      status: z.enum(['ACTIVE', 'INACTIVE']).default('ACTIVE'),
      assignmentType: z.enum(['USER', 'GROUP']).default('USER'),
      groupId: z.string().optional(),
      created: optionalTime,
      lastUpdated: optionalTime,
    })
    .transform((r) => ({ ...r, label: r.label ?? roleLabels[r.type] ?? r.type, created: r.created ?? nowIso, lastUpdated: r.lastUpdated ?? r.created ?? nowIso }));

  const ref = z.looseObject({ id: z.string(), type: z.string(), alternateId: z.string().default('unknown'), displayName: z.string().default(''), detailEntry: z.null().default(null) });
  const logEvent = z
    .looseObject({
      uuid: id,
      published: timestamp,
      eventType: id,
      outcome: z.looseObject({ result: z.string(), reason: z.string().nullable().default(null) }).default({ result: 'SUCCESS', reason: null }),
      actor: ref.default({ id: '0oa1okta00000system', type: 'PublicClientApp', alternateId: 'system@okta.com', displayName: 'Okta System', detailEntry: null }),
      client: z.looseObject({ ipAddress: z.string().nullable().default(null) }).default({ ipAddress: null }),
      target: z.array(ref).default([]),
    })
    .transform((e) => ({ legacyEventType: null, version: '0', displayMessage: null, severity: 'INFO', ...e }));

  const oauthClient = z.strictObject({
    clientId: id,
    /** PEM (SPKI) text, JWK JSON text, or a JWK object. Public keys only. */
    publicKey: z.union([z.string().min(1), z.looseObject({ kty: z.string() })]),
    requireDpop: z.boolean().default(true),
    // Like a client registered on the command line: every read scope unless the file says otherwise.
    scopes: z.array(z.string().min(1)).default([...READ_SCOPES]),
  });

  return z.strictObject({
    $schema: z.string().optional(),
    description: z.string().optional(),
    name: z.string().min(1).optional(),
    /** The org id `/.well-known/okta-organization` serves; default derived from the name. */
    orgId: z.string().regex(/^00o[0-9A-Za-z]{17}$/, 'expected an Okta org id: 00o and 17 letters or digits').optional(),
    /** `idx` (Identity Engine) or `v1` (Classic); default read from the policies. */
    pipeline: z.enum(['idx', 'v1']).optional(),
    users: z.array(user).default([]),
    factors: z.record(z.string(), z.array(factor)).default({}),
    groups: z.array(group).default([]),
    groupMembers: z.record(z.string(), z.array(id)).default({}),
    apps: z.array(app).default([]),
    appUsers: z.record(z.string(), z.array(appUser)).default({}),
    appGroups: z.record(z.string(), z.array(appGroup)).default({}),
    policies: z.array(policy).default([]),
    policyRules: z.record(z.string(), z.array(rule)).default({}),
    roles: z.record(z.string(), z.array(role)).default({}),
    logs: z.array(logEvent).default([]),
    sswsTokens: z.array(z.string().min(1)).default([]),
    oauthClients: z.array(oauthClient).default([]),
  });
}

export type OrgFile = z.output<ReturnType<typeof orgFileSchema>>;

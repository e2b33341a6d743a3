import { createRng, type Rng, type Weighted } from '../org/random.js';
import { DAY, Timeline } from '../org/time.js';
import type {
  GhExternalIdentity,
  GhMembership,
  GhOrg,
  GhSamlProvider,
  GhUser,
  GhWorld,
  Permissions,
  TwoFactorState,
} from './model.js';
import type { GitHubOrgSpec } from './options.js';
import type { OktaPerson } from './people.js';
import { credentialAuthorizationsFor } from './generate-credentials.js';

/**
 * How a member stands towards the Okta org, so the passthrough rule meets every case (docs/github-simulator.md):
 * `linked` has a SAML identity whose NameID is an Okta login; `unlinked` never completed SSO (possible while SAML is
 * not enforced, and for members who joined before it); `foreign` has a SAML identity whose NameID matches no Okta user.
 */
type MemberKind = 'linked' | 'unlinked' | 'foreign';

const SAML_MEMBER_KINDS: Weighted<MemberKind> = [
  ['linked', 88],
  ['unlinked', 8],
  ['foreign', 4],
];

/** GitHub's own 2FA of members: many rely on SSO alone, some still have only SMS. */
const MEMBER_TWO_FACTOR: Weighted<TwoFactorState> = [
  ['secure', 45],
  ['insecure', 10],
  ['none', 45],
];

/** Outside collaborators; in an org that requires 2FA, those without it are removed (D-2FA), so none remain. */
const COLLABORATOR_TWO_FACTOR: Weighted<TwoFactorState> = [
  ['secure', 60],
  ['insecure', 10],
  ['none', 30],
];

/** The first members of every org, so even a small org has each case the passthrough rule distinguishes. */
const FIRST_KINDS: readonly (readonly [MemberKind, TwoFactorState])[] = [
  ['linked', 'secure'],
  ['linked', 'none'],
  ['linked', 'insecure'],
  ['unlinked', 'none'],
  ['foreign', 'none'],
  ['unlinked', 'secure'],
];

const DEFAULT_APP_PERMISSIONS: Permissions = { members: 'read', organization_administration: 'read', metadata: 'read' };

export interface GenerateWorldInput {
  seed: number;
  now: number;
  orgs: readonly GitHubOrgSpec[];
  people: readonly OktaPerson[];
  app: { id: number; clientId: string; slug: string; publicKeyPem: string };
}

/** Numeric ids and node ids in GitHub's legacy format (`MDQ6VXNlcjE=` = base64 of `04:User1`). */
function nodeId(type: string, id: number): string {
  return Buffer.from(`${String(type.length).padStart(2, '0')}:${type}${id}`).toString('base64');
}

/**
 * Builds the world. Deterministic: the same input gives the same users, memberships, identities and credentials. A
 * GitHub user is one person across orgs (same login, same 2FA), as on GitHub.
 */
export function generateWorld(input: GenerateWorldInput): GhWorld {
  const time = new Timeline(input.now);
  const world: GhWorld = {
    users: new Map(),
    orgs: new Map(),
    enterprises: new Map(),
    app: { ...input.app },
    tokens: new Map(),
  };
  const userRng = createRng(input.seed, 'github-users');
  const usersByPerson = new Map<number, GhUser>();
  let nextUserId = 9_000_001;

  const newUser = (base: string, name: string, twoFactor: TwoFactorState): GhUser => {
    let login = base;
    for (let n = 2; world.users.has(login.toLowerCase()); n++) login = `${base}${n}`;
    const id = nextUserId++;
    const user: GhUser = {
      id,
      login,
      nodeId: nodeId('User', id),
      name,
      twoFactor,
      publicMember: userRng.chance(0.3),
      createdAt: time.iso(userRng.between(30 * DAY, 3000 * DAY)),
    };
    world.users.set(login.toLowerCase(), user);
    return user;
  };
  const userForPerson = (index: number, twoFactor: () => TwoFactorState): GhUser => {
    const known = usersByPerson.get(index);
    if (known !== undefined) return known;
    const person = input.people[index];
    if (person === undefined) throw new RangeError(`no Okta person ${index}`);
    const user = newUser(loginFor(person, userRng), `${person.firstName} ${person.lastName}`, twoFactor());
    usersByPerson.set(index, user);
    return user;
  };

  // The administrator behind the owner token: an owner of every org, linked to an active Okta user, with secure 2FA.
  const adminIndex = Math.max(0, input.people.findIndex((p) => p.status === 'ACTIVE'));
  let foreignCount = 0;
  let orgId = 7_000_001;
  let enterpriseId = 5_001;

  for (const spec of input.orgs) {
    const rng = createRng(input.seed, `github-org:${spec.login}`);
    const id = orgId++;
    const members: GhMembership[] = [];
    const identities: GhExternalIdentity[] = [];
    const linked: GhMembership[] = [];
    const saml = spec.saml !== 'none';
    const pool = shuffledIndexes(input.people.length, rng).filter((i) => i !== adminIndex);

    const addMember = (user: GhUser, role: GhMembership['role'], nameIdPerson: OktaPerson | null): void => {
      const membership = { user, role };
      members.push(membership);
      if (saml && nameIdPerson !== null) {
        identities.push(identityFor(nameIdPerson, user, rng));
        linked.push(membership);
      }
    };

    const admin = userForPerson(adminIndex, () => 'secure');
    addMember(admin, 'admin', saml ? (input.people[adminIndex] ?? null) : null);
    const owners = Math.max(1, Math.round(spec.members * 0.03));

    for (let m = 1; m < spec.members; m++) {
      const [kind, twoFactor] = FIRST_KINDS[m - 1] ?? [saml ? rng.weighted(SAML_MEMBER_KINDS) : 'unlinked', rng.weighted(MEMBER_TWO_FACTOR)];
      const role = m < owners ? 'admin' : 'member';
      const personIndex = pool.pop();
      if (kind === 'foreign' || personIndex === undefined) {
        // No Okta user has this NameID: a contractor's identity from another directory, or an Okta org too small.
        foreignCount++;
        const first = rng.pick(FOREIGN_FIRST);
        const person: OktaPerson = { login: `${first}.partner${foreignCount}@partners.example.com`, email: `${first}.partner${foreignCount}@partners.example.com`, firstName: capitalise(first), lastName: `Partner${foreignCount}`, status: 'NONE' };
        const user = newUser(`${first}-partner${foreignCount}`, `${person.firstName} ${person.lastName}`, twoFactor);
        addMember(user, role, kind === 'foreign' ? person : null);
        continue;
      }
      const user = userForPerson(personIndex, () => twoFactor);
      addMember(user, role, kind === 'linked' ? (input.people[personIndex] ?? null) : null);
    }

    if (saml) identities.push(...nonMemberIdentities(input.people, pool, world, rng, newUser));

    const collaboratorCount = spec.outsideCollaborators ?? Math.max(1, Math.round(spec.members * 0.06));
    const outsideCollaborators: GhUser[] = [];
    for (let c = 0; c < collaboratorCount; c++) {
      const twoFactor = spec.twoFactorRequired ? (rng.chance(0.85) ? 'secure' : 'insecure') : rng.weighted(COLLABORATOR_TWO_FACTOR);
      outsideCollaborators.push(newUser(`${rng.pick(FOREIGN_FIRST)}-contrib`, 'Outside Collaborator', twoFactor));
    }

    const createdAt = time.iso(rng.between(400 * DAY, 3000 * DAY));
    const provider: GhSamlProvider | null = saml
      ? { nodeId: nodeId('OrganizationIdentityProvider', id), ssoUrl: `https://example.okta.com/app/github/${spec.login}/sso/saml`, issuer: `http://www.okta.com/exk${spec.login.replace(/-/g, '')}`, identities }
      : null;
    const org: GhOrg = {
      id,
      login: spec.login,
      nodeId: nodeId('Organization', id),
      name: spec.name ?? spec.login,
      createdAt,
      twoFactorRequired: spec.twoFactorRequired,
      saml: spec.saml,
      samlEnforced: spec.saml === 'enterprise' || (spec.saml === 'org' && spec.samlEnforced),
      samlProvider: spec.saml === 'org' ? provider : null,
      enterpriseSlug: spec.enterprise ?? null,
      members,
      membersByLogin: new Map(members.map((m) => [m.user.login, m])),
      outsideCollaborators,
      credentialAuthorizations: saml ? credentialAuthorizationsFor(linked, 60_000_000 + (id % 1000) * 100_000, rng, time) : [],
      installation: spec.appInstalled ? { id: 40_000_000 + id, permissions: spec.appPermissions ?? DEFAULT_APP_PERMISSIONS, createdAt: time.iso(rng.between(DAY, 300 * DAY)) } : null,
    };
    world.orgs.set(org.login.toLowerCase(), org);

    if (spec.enterprise !== undefined) {
      const slug = spec.enterprise;
      let enterprise = world.enterprises.get(slug.toLowerCase());
      if (enterprise === undefined) {
        const eid = enterpriseId++;
        enterprise = {
          id: eid,
          slug,
          name: slug,
          nodeId: nodeId('Enterprise', eid),
          samlProvider: null,
          orgLogins: [],
          ownerLogins: new Set([admin.login]),
        };
        world.enterprises.set(slug.toLowerCase(), enterprise);
      }
      enterprise.orgLogins.push(org.login);
      // Enterprise SAML: the identities live on the enterprise's provider, one per person across its orgs.
      if (spec.saml === 'enterprise') {
        enterprise.samlProvider ??= { nodeId: nodeId('EnterpriseIdentityProvider', enterprise.id), ssoUrl: `https://example.okta.com/app/github-enterprise/${slug}/sso/saml`, issuer: `http://www.okta.com/exk${slug.replace(/-/g, '')}`, identities: [] };
        mergeIdentities(enterprise.samlProvider, identities);
      }
    }
  }
  return world;
}

const FOREIGN_FIRST = ['alex', 'sam', 'kim', 'robin', 'jo', 'lee', 'max', 'noor', 'ari', 'sasha'] as const;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** GitHub logins people pick: `adalovelace`, `ada-lovelace`, `alovelace`, `ada-l-dev`. */
function loginFor(person: OktaPerson, rng: Rng): string {
  const first = person.firstName.toLowerCase().replace(/[^a-z0-9]/g, '');
  const last = person.lastName.toLowerCase().replace(/[^a-z0-9]/g, '');
  switch (rng.below(4)) {
    case 0:
      return `${first}${last}`.slice(0, 36);
    case 1:
      return `${first}-${last}`.slice(0, 36);
    case 2:
      return `${first.charAt(0)}${last}`.slice(0, 36);
    default:
      return `${first}-${last.charAt(0)}-dev`.slice(0, 36);
  }
}

/** Fisher–Yates over person indexes; members are popped from the end. */
function shuffledIndexes(count: number, rng: Rng): number[] {
  const out = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const tmp = out[i] as number;
    out[i] = out[j] as number;
    out[j] = tmp;
  }
  return out;
}

function identityFor(person: OktaPerson, user: GhUser | null, rng: Rng): GhExternalIdentity {
  const guid = uuid(rng);
  return {
    guid,
    nodeId: Buffer.from(`020:ExternalIdentity${guid}`).toString('base64'),
    nameId: person.login,
    username: person.login,
    emails: [{ value: person.email, primary: true, type: 'work' }],
    givenName: person.firstName,
    familyName: person.lastName,
    user,
  };
}

/**
 * Identities that `membersOnly: true` leaves out: an invitation not yet accepted (unclaimed, user null) and a former
 * member who still holds a linked identity.
 */
function nonMemberIdentities(
  people: readonly OktaPerson[],
  pool: number[],
  world: GhWorld,
  rng: Rng,
  newUser: (base: string, name: string, twoFactor: TwoFactorState) => GhUser,
): GhExternalIdentity[] {
  const out: GhExternalIdentity[] = [];
  const invited = pool.pop();
  const invitedPerson = invited === undefined ? undefined : people[invited];
  if (invitedPerson !== undefined) out.push(identityFor(invitedPerson, null, rng));
  const former = pool.pop();
  const formerPerson = former === undefined ? undefined : people[former];
  if (formerPerson !== undefined) {
    const user = world.users.get(formerPerson.login) ?? newUser(loginFor(formerPerson, rng), `${formerPerson.firstName} ${formerPerson.lastName}`, 'secure');
    out.push(identityFor(formerPerson, user, rng));
  }
  return out;
}

function mergeIdentities(provider: GhSamlProvider, identities: readonly GhExternalIdentity[]): void {
  const seen = new Set(provider.identities.map((i) => i.nameId));
  for (const identity of identities) {
    if (seen.has(identity.nameId)) continue;
    seen.add(identity.nameId);
    provider.identities.push(identity);
  }
}

function uuid(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}


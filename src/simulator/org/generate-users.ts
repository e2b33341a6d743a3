import { AREA_CODES, DEPARTMENTS, FIRST_NAMES, LAST_NAMES } from './catalog.js';
import type { Rng, Weighted } from './random.js';
import { DAY, HOUR, type Timeline } from './time.js';
import type { SimUser, UserStatus } from './types.js';

/** Roughly the status mix of a mid-size workforce org: mostly active, a tail of every other lifecycle state. */
const STATUS_WEIGHTS: Weighted<UserStatus> = [
  ['ACTIVE', 78],
  ['STAGED', 3],
  ['PROVISIONED', 3],
  ['RECOVERY', 2],
  ['LOCKED_OUT', 3],
  ['PASSWORD_EXPIRED', 3],
  ['SUSPENDED', 3],
  ['DEPROVISIONED', 5],
];

/** Buckets checks care about: signed in recently, 30–90 days ago, over 90 days ago, never. */
const LAST_LOGIN_BUCKETS: Weighted<readonly [number, number] | null> = [
  [[0, 30 * DAY], 62],
  [[30 * DAY, 90 * DAY], 14],
  [[90 * DAY, 400 * DAY], 12],
  [null, 12],
];

/** People who left or were suspended tend to have signed in less recently. */
const LAST_LOGIN_BUCKETS_INACTIVE: Weighted<readonly [number, number] | null> = [
  [[0, 30 * DAY], 25],
  [[30 * DAY, 90 * DAY], 30],
  [[90 * DAY, 400 * DAY], 30],
  [null, 15],
];

const DEPARTMENT_WEIGHTS: Weighted<number> = DEPARTMENTS.map((d, i) => [i, d.weight] as const);

/** What later stages need to know about each user, kept beside the wire objects rather than inside them. */
export interface GeneratedUsers {
  users: SimUser[];
  /** Index into DEPARTMENTS per user. */
  department: Uint8Array;
  /** 1 when the user is a contractor (profile.userType `Contractor`). */
  contractor: Uint8Array;
  /** 1 when the user is sourced from Active Directory. */
  directory: Uint8Array;
  /** ms before now the user was created. */
  createdAgo: Float64Array;
  /** ms before now the user was activated; NaN when never activated (STAGED). */
  activatedAgo: Float64Array;
}

/** Relative times of one user's lifecycle, in ms before now; null where Okta leaves the field null. */
interface Lifecycle {
  created: number;
  activated: number | null;
  statusChanged: number | null;
  lastLogin: number | null;
  passwordChanged: number | null;
  lastUpdated: number;
}

export function generateUsers(count: number, rng: Rng, time: Timeline): GeneratedUsers {
  const out: GeneratedUsers = {
    users: new Array<SimUser>(count),
    department: new Uint8Array(count),
    contractor: new Uint8Array(count),
    directory: new Uint8Array(count),
    createdAgo: new Float64Array(count),
    activatedAgo: new Float64Array(count),
  };
  const userTypeId = rng.id('oty');
  const loginCounts = new Map<string, number>();

  for (let i = 0; i < count; i++) {
    const status = rng.weighted(STATUS_WEIGHTS);
    const life = drawLifecycle(status, rng);
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const base = `${firstName}.${lastName}`.toLowerCase();
    const seen = (loginCounts.get(base) ?? 0) + 1;
    loginCounts.set(base, seen);
    const login = `${seen === 1 ? base : `${base}+${seen}`}@example.com`;
    const dept = rng.weighted(DEPARTMENT_WEIGHTS);
    const department = DEPARTMENTS[dept] ?? DEPARTMENTS[0];
    const contractor = rng.chance(0.08);
    const directory = rng.chance(0.15);
    const hasPassword = status !== 'STAGED' && status !== 'PROVISIONED';

    out.users[i] = {
      id: rng.id('00u'),
      status,
      created: time.iso(life.created),
      activated: life.activated === null ? null : time.iso(life.activated),
      statusChanged: life.statusChanged === null ? null : time.iso(life.statusChanged),
      lastLogin: life.lastLogin === null ? null : time.iso(life.lastLogin),
      lastUpdated: time.iso(life.lastUpdated),
      passwordChanged: life.passwordChanged === null ? null : time.iso(life.passwordChanged),
      type: { id: userTypeId },
      profile: {
        login,
        email: login,
        firstName,
        lastName,
        displayName: `${firstName} ${lastName}`,
        department: department?.name ?? null,
        title: department ? rng.pick(department.titles) : null,
        employeeNumber: String(100000 + i),
        userType: contractor ? 'Contractor' : 'Employee',
        mobilePhone: rng.chance(0.6) ? fictionalPhone(rng) : null,
        secondEmail: null,
      },
      credentials: credentials(hasPassword, hasPassword && rng.chance(0.3), directory),
    };
    out.department[i] = dept;
    out.contractor[i] = contractor ? 1 : 0;
    out.directory[i] = directory ? 1 : 0;
    out.createdAgo[i] = life.created;
    out.activatedAgo[i] = life.activated ?? Number.NaN;
  }
  return out;
}

function credentials(password: boolean, recoveryQuestion: boolean, directory: boolean): SimUser['credentials'] {
  const provider: SimUser['credentials']['provider'] = directory ? { type: 'ACTIVE_DIRECTORY', name: 'corp.example.com' } : { type: 'OKTA', name: 'OKTA' };
  if (!password) return { provider };
  // `password: {}` only says a password exists; Okta never returns a value, and neither do we.
  if (!recoveryQuestion) return { password: {}, provider };
  return { password: {}, recovery_question: { question: 'What is the food you least liked as a child?' }, provider };
}

/** `+1-415-555-0137`: the NANP reserves 555-0100…0199 for fiction. */
export function fictionalPhone(rng: Rng): string {
  return `+1-${rng.pick(AREA_CODES)}-555-01${String(rng.int(0, 99)).padStart(2, '0')}`;
}

/**
 * Draws timestamps that agree with the status: a STAGED user was never activated and never signed in; a
 * DEPROVISIONED or SUSPENDED user's status changed after their last sign-in; a PASSWORD_EXPIRED user's password is
 * older than a 90-day policy; everything happened after creation and before `lastUpdated` caught up.
 */
function drawLifecycle(status: UserStatus, rng: Rng): Lifecycle {
  if (status === 'STAGED') {
    const created = rng.between(HOUR, 60 * DAY);
    return { created, activated: null, statusChanged: null, lastLogin: null, passwordChanged: null, lastUpdated: rng.between(0, created) };
  }
  if (status === 'PROVISIONED') {
    // Activated by an admin, waiting for the user to set a password: no password, no sign-in yet.
    const activated = rng.between(HOUR, 120 * DAY);
    const created = activated + rng.between(0, 2 * DAY);
    return { created, activated, statusChanged: activated, lastLogin: null, passwordChanged: null, lastUpdated: activated };
  }

  const inactive = status === 'SUSPENDED' || status === 'DEPROVISIONED';
  const bucket = rng.weighted(inactive ? LAST_LOGIN_BUCKETS_INACTIVE : LAST_LOGIN_BUCKETS);
  const lastLogin = bucket === null ? null : rng.between(bucket[0], bucket[1]);
  const statusChanged = drawStatusChange(status, lastLogin, rng);
  const expiredPassword = status === 'PASSWORD_EXPIRED' ? rng.between(91 * DAY, 400 * DAY) : 0;
  const activated = Math.max(lastLogin ?? 0, statusChanged ?? 0, expiredPassword) + rng.between(DAY, 1000 * DAY);
  const created = activated + rng.between(0, 3 * DAY);

  let passwordChanged: number;
  if (status === 'PASSWORD_EXPIRED') passwordChanged = expiredPassword;
  else if (rng.chance(0.1)) passwordChanged = activated;
  else passwordChanged = rng.between(inactive ? (statusChanged ?? 0) : 0, activated);

  const changed = statusChanged ?? activated;
  const latest = Math.min(changed, passwordChanged);
  return {
    created,
    activated,
    statusChanged: changed,
    lastLogin,
    passwordChanged,
    lastUpdated: rng.chance(0.5) ? latest : rng.between(0, latest),
  };
}

/** When the current status was entered, for statuses entered after the last sign-in; null keeps the activation time. */
function drawStatusChange(status: UserStatus, lastLogin: number | null, rng: Rng): number | null {
  const before = (cap: number): number => rng.between(0, Math.min(cap, lastLogin ?? cap));
  switch (status) {
    case 'SUSPENDED':
    case 'DEPROVISIONED':
      return before(300 * DAY);
    case 'LOCKED_OUT':
      return before(7 * DAY);
    case 'RECOVERY':
      return before(14 * DAY);
    case 'PASSWORD_EXPIRED':
      return before(30 * DAY);
    case 'ACTIVE':
      // Most active users have not changed status since activation; some were unlocked or reactivated since.
      return rng.chance(0.15) ? before(200 * DAY) : null;
    default:
      return null;
  }
}

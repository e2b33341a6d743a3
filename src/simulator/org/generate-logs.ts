import type { GeneratedUsers } from './generate-users.js';
import { FAILURE, kindAt, kindIndex, LOG_KINDS, SUCCESS } from './log-kinds.js';
import { NO_USER, type CompactLogColumns } from './log-store.js';
import type { Rng } from './random.js';
import { DAY, HOUR, type Timeline } from './time.js';
import type { SimApp, SimAppUser, SimFactor, SimGroup, SimPolicy } from './types.js';

/** The generated log covers the last two weeks, which is what Okta's default 7-day window and a weekly sync read. */
export const LOG_WINDOW_DAYS = 14;

export interface LogInput {
  gen: GeneratedUsers;
  apps: readonly SimApp[];
  groups: readonly SimGroup[];
  /** Index into `groups` of each department's group, by department index. */
  departmentGroups: readonly number[];
  policies: readonly SimPolicy[];
  factors: Readonly<Record<string, readonly SimFactor[]>>;
  appUsers: Readonly<Record<string, readonly SimAppUser[]>>;
  /** User indexes of admins who act in the log. */
  admins: readonly number[];
  count: number;
}

const SESSION_START = kindIndex('user.session.start');
const SSO = kindIndex('user.authentication.sso');
const ACCOUNT_LOCK = kindIndex('user.account.lock');
const DEACTIVATE = kindIndex('user.lifecycle.deactivate');
const SUSPEND = kindIndex('user.lifecycle.suspend');
const AUTH_VIA_MFA = kindIndex('user.authentication.auth_via_mfa');

/**
 * Fills the compact columns: `count` events over the last 14 days, weighted to working hours and weekdays,
 * sorted by time. Sign-ins come from active users who signed in recently, admin actions from admins, and the
 * targets are real: an SSO goes to an app the user is assigned, an MFA event names one of the user's factors.
 * Afterwards `lastLogin` is moved forward to the user's latest generated sign-in so the two agree.
 */
export function generateLogColumns(input: LogInput, rng: Rng, time: Timeline): CompactLogColumns {
  const count = input.gen.users.length === 0 ? 0 : input.count;
  const columns: CompactLogColumns = {
    published: drawTimes(count, rng, time),
    kind: new Uint8Array(count),
    outcome: new Uint8Array(count),
    actor: new Uint32Array(count),
    subject: new Uint32Array(count),
    target: new Uint32Array(count),
  };
  if (count === 0) return columns;

  const pools = buildPools(input, time);
  const cumulative = cumulativeWeights();
  const total = cumulative[cumulative.length - 1] ?? 1;
  const pickFrom = (pool: Uint32Array | readonly number[], fallback: Uint32Array): number => {
    const list = pool.length > 0 ? pool : fallback;
    return list[rng.below(list.length)] ?? 0;
  };

  for (let i = 0; i < count; i++) {
    let kind = drawKind(cumulative, rng.next() * total);
    const spec = kindAt(kind);
    let outcome = rng.chance(spec.failureRate) ? FAILURE : SUCCESS;
    let actor: number;
    let subject: number;
    let target = 0;

    if (spec.actor === 'admin') {
      actor = pickFrom(input.admins, pools.all);
      const pool = kind === DEACTIVATE ? pools.deprovisioned : kind === SUSPEND ? pools.suspended : spec.target === 'factor' ? pools.withFactors : pools.all;
      subject = pickFrom(pool, pools.all);
    } else if (kind === ACCOUNT_LOCK) {
      actor = subject = pickFrom(pools.lockedOut, pools.all);
    } else if (outcome === FAILURE && kind === SESSION_START) {
      // Typos by real users, plus attempts against accounts that are gone or never used.
      actor = subject = rng.chance(0.7) ? pickFrom(pools.signers, pools.all) : pickFrom(pools.all, pools.all);
    } else {
      actor = subject = pickFrom(pools.signers, pools.all);
    }

    switch (spec.target) {
      case 'app': {
        const from = pools.appOffsets[subject] ?? 0;
        const own = (pools.appOffsets[subject + 1] ?? 0) - from;
        if (own > 0 && (kind === SSO || rng.chance(0.6))) target = pools.appIndexes[from + rng.below(own)] ?? 0;
        else if (kind === SSO) kind = SESSION_START;
        else target = rng.below(pools.appCount);
        break;
      }
      case 'group':
        target = input.departmentGroups[input.gen.department[subject] ?? 0] ?? 0;
        break;
      case 'policy':
        target = rng.below(Math.max(1, input.policies.length));
        break;
      case 'factor': {
        const k = pickFactor(pools.factorsOf[subject] ?? [], kind === AUTH_VIA_MFA, rng);
        if (k >= 0) target = k;
        else kind = SESSION_START;
        break;
      }
      default:
        break;
    }
    // A kind that fell back to a sign-in (no assigned app, no factor) is an ordinary successful one.
    if (kind === SESSION_START && spec.eventType !== 'user.session.start') outcome = SUCCESS;

    columns.kind[i] = kind;
    columns.outcome[i] = outcome;
    columns.actor[i] = actor;
    columns.subject[i] = subject;
    columns.target[i] = target;
  }
  syncLastLogin(input, columns);
  return columns;
}

/** Uniform over the window, thinned to a working-week rhythm (peak 13:00–22:00 UTC, quieter weekends), sorted. */
function drawTimes(count: number, rng: Rng, time: Timeline): Float64Array {
  const start = time.now - LOG_WINDOW_DAYS * DAY;
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let t: number;
    do {
      t = start + Math.floor(rng.next() * LOG_WINDOW_DAYS * DAY);
    } while (!rng.chance(activity(t)));
    times[i] = t;
  }
  return times.sort();
}

function activity(t: number): number {
  const hour = Math.floor(t / HOUR) % 24;
  // 1970-01-01 was a Thursday: day 0 → 4 in a Sunday-first week.
  const weekday = (Math.floor(t / DAY) + 4) % 7;
  const daytime = hour >= 13 && hour < 23 ? 1 : 0.25;
  return weekday === 0 || weekday === 6 ? daytime * 0.35 : daytime;
}

function cumulativeWeights(): Float64Array {
  const out = new Float64Array(LOG_KINDS.length);
  let sum = 0;
  LOG_KINDS.forEach((k, i) => {
    sum += k.weight;
    out[i] = sum;
  });
  return out;
}

function drawKind(cumulative: Float64Array, r: number): number {
  for (let k = 0; k < cumulative.length; k++) if (r < (cumulative[k] ?? 0)) return k;
  return cumulative.length - 1;
}

/** Index of a random factor of the user (only ACTIVE ones when `activeOnly`), or -1 when there is none. */
function pickFactor(factors: readonly SimFactor[], activeOnly: boolean, rng: Rng): number {
  let usable = 0;
  for (const f of factors) if (!activeOnly || f.status === 'ACTIVE') usable++;
  if (usable === 0) return -1;
  let nth = rng.below(usable);
  for (let k = 0; k < factors.length; k++) {
    if (activeOnly && factors[k]?.status !== 'ACTIVE') continue;
    if (nth-- === 0) return k;
  }
  return -1;
}

interface Pools {
  all: Uint32Array;
  /** Active users who signed in within 30 days: the ones generating everyday traffic. */
  signers: Uint32Array;
  deprovisioned: number[];
  suspended: number[];
  lockedOut: number[];
  /** Users with at least one factor, for admin factor resets. */
  withFactors: number[];
  /** Factors by user index: one lookup per user here instead of a 50,000-key object lookup per event. */
  factorsOf: (readonly SimFactor[] | undefined)[];
  /** How many apps there are: admin events may be about any of them. */
  appCount: number;
  /** The apps each user is assigned (directly or through a group) as CSR: user u's app indexes are
   *  `appIndexes[appOffsets[u] .. appOffsets[u + 1])`. Two typed arrays instead of an array per user. */
  appOffsets: Uint32Array;
  appIndexes: Uint32Array;
}

function buildPools(input: LogInput, time: Timeline): Pools {
  const { users } = input.gen;
  const signers: number[] = [];
  const deprovisioned: number[] = [];
  const suspended: number[] = [];
  const lockedOut: number[] = [];
  const withFactors: number[] = [];
  const factorsOf = users.map((u) => input.factors[u.id]);
  users.forEach((u, i) => {
    if ((factorsOf[i]?.length ?? 0) > 0) withFactors.push(i);
    if (u.status === 'ACTIVE' && u.lastLogin !== null && time.now - Date.parse(u.lastLogin) < 30 * DAY) signers.push(i);
    else if (u.status === 'DEPROVISIONED') deprovisioned.push(i);
    else if (u.status === 'SUSPENDED') suspended.push(i);
    else if (u.status === 'LOCKED_OUT') lockedOut.push(i);
  });

  // Two passes over the assignments: count per user, then fill.
  const userIndex = new Map(users.map((u, i) => [u.id, i]));
  const rowsOf = input.apps.map((app) => (input.appUsers[app.id] ?? []).map((row) => userIndex.get(row.id) ?? -1));
  const offsets = new Uint32Array(users.length + 1);
  for (const rows of rowsOf) for (const u of rows) if (u >= 0) offsets[u + 1] = (offsets[u + 1] ?? 0) + 1;
  for (let u = 0; u < users.length; u++) offsets[u + 1] = (offsets[u + 1] ?? 0) + (offsets[u] ?? 0);
  const fill = offsets.slice(0, users.length);
  const appIndexes = new Uint32Array(offsets[users.length] ?? 0);
  rowsOf.forEach((rows, a) => {
    for (const u of rows) {
      if (u < 0) continue;
      const at = fill[u] ?? 0;
      appIndexes[at] = a;
      fill[u] = at + 1;
    }
  });

  return {
    all: Uint32Array.from(users, (_, i) => i),
    signers: Uint32Array.from(signers),
    deprovisioned,
    suspended,
    lockedOut,
    withFactors,
    factorsOf,
    appCount: Math.max(1, input.apps.length),
    appOffsets: offsets,
    appIndexes,
  };
}

/**
 * A generated successful sign-in later than a user's `lastLogin` moves it forward to that very instant: the log and
 * the user agree to the millisecond, so an incremental sync that moves `lastLogin` from the event stores what a full
 * read of the user stores.
 */
function syncLastLogin(input: LogInput, columns: CompactLogColumns): void {
  const latest = new Float64Array(input.gen.users.length);
  for (let i = 0; i < columns.published.length; i++) {
    if (columns.kind[i] !== SESSION_START || columns.outcome[i] !== SUCCESS) continue;
    const actor = columns.actor[i] ?? NO_USER;
    if (actor !== NO_USER) latest[actor] = columns.published[i] ?? 0;
  }
  input.gen.users.forEach((user, u) => {
    const t = latest[u] ?? 0;
    if (t > 0 && (user.lastLogin === null || Date.parse(user.lastLogin) < t)) {
      user.lastLogin = new Date(t).toISOString();
    }
  });
}

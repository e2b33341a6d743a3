import type { StoreRepositories } from '../store/store.js';
import type { AccessReviewRecord, AppAssignmentRecord, ReviewedAssignment, UserRecord } from '../store/types.js';

export const REVIEW_ERROR_CODES = ['REVIEW_INVALID_INPUT', 'REVIEW_NO_SNAPSHOT', 'REVIEW_APP_NOT_FOUND'] as const;
export type ReviewErrorCode = (typeof REVIEW_ERROR_CODES)[number];

/** Why an attestation was refused; the message says what to change. */
export class ReviewError extends Error {
  readonly code: ReviewErrorCode;
  constructor(code: ReviewErrorCode, message: string) {
    super(message);
    this.name = 'ReviewError';
    this.code = code;
  }
}

export function isReviewError(error: unknown, code?: ReviewErrorCode): error is ReviewError {
  return error instanceof ReviewError && (code === undefined || error.code === code);
}

export interface AttestInput {
  org: string;
  appId: string;
  reviewerEmail: string;
  note?: string | undefined;
  /** When the attestation is made. */
  now: Date;
}

export interface Attestation {
  review: AccessReviewRecord;
  /** Users on the list who can no longer sign in (the reviewer approved their access anyway). */
  orphaned: ReviewedAssignment[];
  /** Things the reviewer should know about what they attested to, e.g. an assignment list the last sync did not finish. */
  warnings: string[];
}

const MAX_EMAIL_LENGTH = 254;
const MAX_NOTE_LENGTH = 2_000;
/** Deliberately simple: one @, no spaces, a dot in the domain. Okta logins are email-shaped the same way. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ORPHANED_STATUSES: ReadonlySet<string> = new Set(['DEPROVISIONED', 'SUSPENDED']);

/**
 * Records that `reviewerEmail` reviewed who has access to an app, with the assignment list of the current snapshot as
 * they saw it, so an auditor can later see exactly what was approved. Until review campaigns exist, this is how the
 * `application-access-review` check learns that a review happened.
 */
export async function attestAccessReview(store: StoreRepositories, input: AttestInput): Promise<Attestation> {
  const reviewerEmail = validEmail(input.reviewerEmail);
  const note = validNote(input.note);
  const snapshot = await store.snapshots.current(input.org);
  if (snapshot === undefined) throw new ReviewError('REVIEW_NO_SNAPSHOT', `no synced snapshot of ${input.org} yet: run \`okta-evidence sync\` first`);
  const app = await store.entities.find('apps', snapshot.id, { id: input.appId });
  if (app === undefined) {
    throw new ReviewError('REVIEW_APP_NOT_FOUND', `app ${JSON.stringify(input.appId)} is not in the current snapshot of ${input.org}: use the app id (0oa…) from the Okta Admin Console`);
  }

  const assignments: AppAssignmentRecord[] = [];
  for await (const assignment of store.entities.stream('appAssignments', snapshot.id, { parentId: app.id })) assignments.push(assignment);
  const users = await usersById(store, snapshot.id, new Set(assignments.map((assignment) => assignment.userId)));
  const seen = assignments.map((assignment) => toReviewed(assignment, users.get(assignment.userId)));

  const review = await store.accessReviews.record({
    org: input.org,
    appId: app.id,
    appLabel: app.label,
    reviewerEmail,
    attestedAt: input.now,
    note,
    snapshotId: snapshot.id,
    assignments: seen,
  });
  const warnings: string[] = [];
  const dataset = snapshot.datasets.find((status) => status.dataset === 'appAssignments');
  if (dataset?.state !== 'complete' && !(await store.progress.isVerified(snapshot.id, 'appAssignments', app.id))) {
    warnings.push(`the last sync did not finish reading this app's assignments (${dataset?.state ?? 'not read'}): the list attested to may be incomplete`);
  }
  return { review, orphaned: seen.filter((entry) => entry.userStatus !== null && ORPHANED_STATUSES.has(entry.userStatus)), warnings };
}

function validEmail(value: string): string {
  const email = value.trim();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) {
    throw new ReviewError('REVIEW_INVALID_INPUT', `--reviewer must be the reviewer's email address, e.g. jane.doe@example.com, got ${JSON.stringify(value)}`);
  }
  return email;
}

function validNote(value: string | undefined): string | null {
  const note = value?.trim() ?? '';
  if (note.length > MAX_NOTE_LENGTH) throw new ReviewError('REVIEW_INVALID_INPUT', `--note must be at most ${MAX_NOTE_LENGTH} characters, got ${note.length}`);
  return note === '' ? null : note;
}

/** Below this many assignees a lookup per user is cheaper than reading every user of the snapshot. */
const LOOKUP_LIMIT = 500;

/** The snapshot's users among `ids`: one lookup each for a small app, one pass over all users for a large one. */
async function usersById(store: StoreRepositories, snapshotId: string, ids: ReadonlySet<string>): Promise<Map<string, UserRecord>> {
  const found = new Map<string, UserRecord>();
  if (ids.size <= LOOKUP_LIMIT) {
    for (const id of ids) {
      const user = await store.entities.find('users', snapshotId, { id });
      if (user !== undefined) found.set(id, user);
    }
    return found;
  }
  for await (const user of store.entities.stream('users', snapshotId, { batchSize: 5_000 })) if (ids.has(user.id)) found.set(user.id, user);
  return found;
}

function toReviewed(assignment: AppAssignmentRecord, user: UserRecord | undefined): ReviewedAssignment {
  return {
    userId: assignment.userId,
    login: user?.login ?? null,
    userStatus: user?.status ?? null,
    scope: assignment.scope,
    assignmentStatus: assignment.status,
  };
}

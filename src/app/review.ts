import { attestAccessReview, isReviewError, type Attestation } from '../reviews/attest.js';
import type { StoreRepositories, Store } from '../store/store.js';
import { recordAudit } from './audit.js';
import { currentSnapshot } from './current-snapshot.js';
import { withStore } from './database-url.js';
import { InvalidInputError, OperationFailedError } from './errors.js';

export interface AttestReviewInput {
  database: string | Store;
  org?: string | undefined;
  appId: string;
  reviewerEmail: string;
  note?: string | undefined;
  now: Date;
  /** Who attested, for the audit log (`cli:<os user>`). */
  actor: string;
}

/** The audit entry of an attestation, the same from every adapter (CLI, server). */
export function auditAttestation(repositories: Pick<StoreRepositories, 'auditLog'>, actor: string, org: string, attestation: Attestation): Promise<unknown> {
  const { review } = attestation;
  return recordAudit(repositories, {
    actor,
    action: 'review.attest',
    details: { org, appId: review.appId, appLabel: review.appLabel, reviewerEmail: review.reviewerEmail, assignments: review.assignments.length },
  });
}

/** Records that a reviewer reviewed who has access to an app, with the assignment list of the current snapshot. */
export function attestReview(input: AttestReviewInput): Promise<Attestation> {
  return withStore(
    input.database,
    async (store) => {
      const { org } = await currentSnapshot(store, input.org);
      try {
        const attestation = await attestAccessReview(store, { org, appId: input.appId, reviewerEmail: input.reviewerEmail, note: input.note, now: input.now });
        await auditAttestation(store, input.actor, org, attestation);
        return attestation;
      } catch (error) {
        if (isReviewError(error, 'REVIEW_NO_SNAPSHOT')) throw new OperationFailedError(error.message, { cause: error });
        if (isReviewError(error)) throw new InvalidInputError(error.message, { cause: error });
        throw error;
      }
    },
    { mustExist: true },
  );
}

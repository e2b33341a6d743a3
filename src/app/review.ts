import { attestAccessReview, isReviewError, type Attestation } from '../reviews/attest.js';
import type { Store } from '../store/store.js';
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
}

/** Records that a reviewer reviewed who has access to an app, with the assignment list of the current snapshot. */
export function attestReview(input: AttestReviewInput): Promise<Attestation> {
  return withStore(
    input.database,
    async (store) => {
      const { org } = await currentSnapshot(store, input.org);
      try {
        return await attestAccessReview(store, { org, appId: input.appId, reviewerEmail: input.reviewerEmail, note: input.note, now: input.now });
      } catch (error) {
        if (isReviewError(error, 'REVIEW_NO_SNAPSHOT')) throw new OperationFailedError(error.message, { cause: error });
        if (isReviewError(error)) throw new InvalidInputError(error.message, { cause: error });
        throw error;
      }
    },
    { mustExist: true },
  );
}

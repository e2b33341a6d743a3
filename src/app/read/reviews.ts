import { attestAccessReview, isReviewError, type Attestation } from '../../reviews/attest.js';

export { isReviewError } from '../../reviews/attest.js';
import type { AccessReviewRecord } from '../../store/index.js';
import { auditAttestation } from '../review.js';
import type { ServerStore } from './context.js';
import { NotFoundError } from './errors.js';

/** Access reviews of the org, newest first; `appIds` narrows to the apps a reviewer is assigned. */
export async function listReviews(store: ServerStore, org: string, options: { appId?: string | undefined; appIds?: readonly string[] | undefined; limit: number }): Promise<AccessReviewRecord[]> {
  if (options.appIds !== undefined && options.appId === undefined) {
    const perApp = await Promise.all(options.appIds.map((appId) => store.accessReviews.list(org, { appId, limit: options.limit })));
    return perApp
      .flat()
      .sort((a, b) => b.attestedAt.getTime() - a.attestedAt.getTime() || (a.id < b.id ? 1 : -1))
      .slice(0, options.limit);
  }
  return store.accessReviews.list(org, { ...(options.appId === undefined ? {} : { appId: options.appId }), limit: options.limit });
}

/** Records an attestation ("attest now") and audits it. Unknown apps are 404; bad input keeps the attest module's message. */
export async function attestNow(store: ServerStore, input: { org: string; appId: string; reviewerEmail: string; note?: string | undefined; actor: string; now: Date }): Promise<Attestation> {
  try {
    const attestation = await attestAccessReview(store, { org: input.org, appId: input.appId, reviewerEmail: input.reviewerEmail, note: input.note, now: input.now });
    await auditAttestation(store, input.actor, input.org, attestation);
    return attestation;
  } catch (error) {
    if (isReviewError(error, 'REVIEW_APP_NOT_FOUND') || isReviewError(error, 'REVIEW_NO_SNAPSHOT')) throw new NotFoundError(error.message);
    throw error;
  }
}

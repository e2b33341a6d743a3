import { ARTIFACT_CONTROLS } from '../../frameworks/mapping.js';
import type { AccessReviewRecord } from '../../store/types.js';
import { defineArtifact, isoDate, type CsvColumn, type SnapshotSource } from '../artifact.js';

const COLUMNS: readonly CsvColumn<AccessReviewRecord>[] = [
  { header: 'reviewId', value: (r) => r.id },
  { header: 'appId', value: (r) => r.appId },
  { header: 'appLabel', value: (r) => r.appLabel },
  { header: 'reviewerEmail', value: (r) => r.reviewerEmail },
  { header: 'attestedAt', value: (r) => isoDate(r.attestedAt) },
  { header: 'note', value: (r) => r.note },
  { header: 'reviewedSnapshotId', value: (r) => r.snapshotId },
  { header: 'attestedAssignments', value: (r) => r.assignments.length },
];

/** Without an audit period, the newest review of each app; with one, every review attested within it, oldest first. */
async function* reviews(source: SnapshotSource): AsyncGenerator<AccessReviewRecord> {
  const period = source.auditPeriod;
  if (period === null) {
    for (const review of await source.accessReviews.latestPerAppWithAssignments(source.org)) yield review;
    return;
  }
  const inPeriod = (await source.accessReviews.list(source.org)).filter((review) => review.attestedAt >= period.since && review.attestedAt < period.until);
  for (const review of inPeriod.reverse()) yield review;
}

/**
 * The newest access review of each app (PCI DSS v4.0 7.2.4): who attested, when, their note, and the assignment list
 * they attested (JSON). Assignments added after a review are listed as unreviewed in the application-access-review
 * result and flagged in user-app-assignments. Reviews are kept per org, outside snapshots, so no sync dataset limits it.
 */
export const accessReviewsArtifact = defineArtifact<AccessReviewRecord>({
  id: 'access-reviews',
  title: 'Access reviews',
  description:
    "The newest recorded access review of each application (with an audit period: every review attested within it): the reviewer, when they attested, their note, and the list of assignments (user, login, user status, scope, assignment status) they attested. Recorded with okta-evidence review attest.",
  datasets: [],
  controls: ARTIFACT_CONTROLS['access-reviews'],
  formats: ['json', 'csv'],
  records: reviews,
  toJson: (r) => ({
    reviewId: r.id,
    appId: r.appId,
    appLabel: r.appLabel,
    reviewerEmail: r.reviewerEmail,
    attestedAt: isoDate(r.attestedAt),
    note: r.note,
    reviewedSnapshotId: r.snapshotId,
    assignments: r.assignments,
  }),
  csv: COLUMNS,
});

import { factorStrength } from '../../checks/factor-strength.js';
import { ARTIFACT_CONTROLS } from '../../frameworks/mapping.js';
import type { FactorRecord, UserRecord } from '../../store/types.js';
import { defineArtifact, isoDate, type CsvColumn, type SnapshotSource } from '../artifact.js';

interface FactorRow {
  user: UserRecord;
  /** Null on the one row of a user with no factor. */
  factor: FactorRecord | null;
}

const COLUMNS: readonly CsvColumn<FactorRow>[] = [
  { header: 'userId', value: (r) => r.user.id },
  { header: 'userLogin', value: (r) => r.user.login },
  { header: 'userStatus', value: (r) => r.user.status },
  { header: 'authenticationProvider', value: (r) => r.user.providerType },
  { header: 'factorId', value: (r) => r.factor?.id },
  { header: 'factorType', value: (r) => r.factor?.factorType },
  { header: 'strength', value: (r) => (r.factor === null ? null : factorStrength(r.factor.factorType)) },
  { header: 'provider', value: (r) => r.factor?.provider },
  { header: 'vendorName', value: (r) => r.factor?.vendorName },
  { header: 'factorStatus', value: (r) => r.factor?.status },
  { header: 'profileSummary', value: (r) => r.factor?.profileSummary },
  { header: 'enrolled', value: (r) => isoDate(r.factor?.created ?? null) },
  { header: 'lastUpdated', value: (r) => isoDate(r.factor?.lastUpdated ?? null) },
];

/**
 * Users and factors both stream in user-id order (factors keyed by user id, then factor id), so one pass over each
 * pairs them like a merge join: nothing is held but the current user and factor. Factors of a user missing from the
 * inventory are skipped (the users dataset's completeness says so).
 */
async function* factorsByUser(source: SnapshotSource): AsyncGenerator<FactorRow> {
  const factors = source.entities.stream('factors', source.snapshotId)[Symbol.asyncIterator]();
  let next = await factors.next();
  for await (const user of source.entities.stream('users', source.snapshotId)) {
    while (!next.done && next.value.userId < user.id) next = await factors.next();
    let enrolled = 0;
    while (!next.done && next.value.userId === user.id) {
      yield { user, factor: next.value };
      enrolled += 1;
      next = await factors.next();
    }
    if (enrolled === 0) yield { user, factor: null };
  }
  await factors.return?.();
}

export const userMfaFactorsArtifact = defineArtifact<FactorRow>({
  id: 'user-mfa-factors',
  title: 'MFA factors per user',
  description:
    'Every user with each MFA factor enrolled in Okta: one row per user and factor, with the factor type, its strength class (knowledge, weak, strong, phishing-resistant; docs/verdicts.md), provider and status (only ACTIVE factors count). Phone numbers and emails are masked. A user with no factor has one row with no factor; a user who signs in at another identity provider (authenticationProvider FEDERATION or SOCIAL) has no Okta factors by design.',
  datasets: ['users', 'factors'],
  controls: ARTIFACT_CONTROLS['user-mfa-factors'],
  formats: ['json', 'csv'],
  records: factorsByUser,
  toJson: (row) => Object.fromEntries(COLUMNS.map((column) => [column.header, column.value(row) ?? null])),
  csv: COLUMNS,
});

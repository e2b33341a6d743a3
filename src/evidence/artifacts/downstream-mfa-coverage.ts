import { Readable } from 'node:stream';
import type { DownstreamAccountResult, DownstreamMfaEvaluation } from '../../checks/downstream/passthrough-types.js';
import { DOWNSTREAM_MFA_COVERAGE_CONTROLS } from '../../frameworks/mapping.js';
import { defineArtifact, type CsvColumn, type EvidenceArtifact } from '../artifact.js';

const COLUMNS: readonly CsvColumn<DownstreamAccountResult>[] = [
  { header: 'accountId', value: (r) => r.accountId },
  { header: 'login', value: (r) => r.login },
  { header: 'kind', value: (r) => r.kind },
  { header: 'ownMfa', value: (r) => r.ownMfa },
  { header: 'status', value: (r) => r.status },
  { header: 'basis', value: (r) => r.basis },
  { header: 'failures', value: (r) => r.failures.join(' ') },
  { header: 'oktaUserId', value: (r) => r.oktaUser?.id ?? null },
  { header: 'oktaUserLogin', value: (r) => r.oktaUser?.login ?? null },
  { header: 'chain', value: (r) => r.chain.map((link) => `${link.link}:${link.state}`).join(' ') },
  { header: 'ssoSignInsWithMfa', value: (r) => r.signIns.filter((signIn) => signIn.mfa !== null).length },
  { header: 'bypassCredentials', value: (r) => r.bypassCredentials.length },
  { header: 'reason', value: (r) => r.reason },
];

/** File-name-safe and stable: the artifact id carries the service id, so one export can hold several services. */
export function downstreamArtifactId(serviceId: string): string {
  return `downstream-mfa-coverage-${serviceId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * Downstream MFA coverage of one service (issue 15): each account (members, imported accounts, then outside
 * collaborators), its verdict, what covers it (own MFA or Okta through SSO) and the whole chain of reasons with the
 * source of each link. Built from an evaluation held in memory (a service has thousands of accounts, not millions).
 */
export function downstreamMfaCoverageArtifact(evaluation: DownstreamMfaEvaluation): EvidenceArtifact {
  const { service } = evaluation;
  return defineArtifact<DownstreamAccountResult>({
    id: downstreamArtifactId(service.id),
    title: `Downstream MFA coverage: ${service.name}`,
    description:
      `Each account of ${service.name} (${service.kind}, read ${evaluation.readAt}) with its MFA verdict, evaluated ${evaluation.evaluatedAt} against Okta snapshot ${evaluation.oktaSnapshotId} under the ${evaluation.profile} profile. ` +
      `An account passes on the service's own MFA, or by passthrough only through a proven chain: the service signs in through Okta app ${service.oktaAppId ?? '(not mapped)'}, SSO is enforced (from the API or attested by a named admin, never unverified), the account's SAML NameID maps by ${evaluation.nameIdFormat.format} (${evaluation.nameIdFormat.source}) to an Okta user assigned to the app, every sign-in rule that applies to that user requires two factors, and the user has an active factor that counts. ` +
      `Each record keeps every link with its source, recent SSO sign-ins with the MFA seen, and the SSO-bypass credentials of the login. Outside collaborators are listed last: SAML does not apply to them. Incomplete data gives error, never pass.`,
    datasets: ['users', 'factors', 'groupMemberships', 'apps', 'appAssignments', 'policies'],
    controls: DOWNSTREAM_MFA_COVERAGE_CONTROLS,
    formats: ['json', 'csv'],
    records: () => Readable.from([...evaluation.accounts, ...evaluation.outsideCollaborators]) as AsyncIterable<DownstreamAccountResult>,
    csv: COLUMNS,
    gaps: () => evaluation.gaps.filter((gap) => !gap.startsWith('Okta: ')),
  });
}

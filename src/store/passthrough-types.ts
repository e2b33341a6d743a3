/**
 * What the cross-IdP MFA passthrough keeps besides the downstream snapshots (migration 0012): facts about a service
 * that its API cannot show, attested by a named admin, and the stored evaluations of the downstream MFA test.
 */

/**
 * - `sso-enforced` (boolean): the service makes every member sign in through its Okta app (GITHUB-API.md §2.2: a
 *   standalone GitHub organization shows no "enforced" field).
 * - `name-id-format` (`login` | `email`): which Okta attribute the app sends as the SAML NameID (its "Application
 *   username format"; the sync does not read `credentials.userNameTemplate`).
 */
export const ATTESTED_FACTS = ['sso-enforced', 'name-id-format'] as const;
export type AttestedFact = (typeof ATTESTED_FACTS)[number];

export interface ServiceAttestation {
  id: string;
  serviceId: string;
  fact: AttestedFact;
  /** `true`/`false` for sso-enforced, `login`/`email` for name-id-format. */
  value: boolean | string;
  /** Who attests: a named admin (an email address or a server account). */
  attestedBy: string;
  /** When the admin checked the setting. */
  attestedAt: Date;
  /** What the admin saw, in their words ("Settings › Authentication security: Require SAML SSO is on"). */
  statement: string;
  recordedAt: Date;
}

/** One stored run of the downstream MFA test over a service; the evaluation itself is kept whole as JSON. */
export interface StoredDownstreamEvaluation {
  id: string;
  serviceId: string;
  oktaOrg: string;
  oktaSnapshotId: string;
  evaluatedAt: Date;
  status: string;
  counts: Record<string, number>;
  evaluation: unknown;
}

export interface DownstreamPassthroughRepository {
  recordAttestation(attestation: Omit<ServiceAttestation, 'id' | 'recordedAt'>): Promise<ServiceAttestation>;
  /** The newest attestation of each fact of the service. */
  latestAttestations(serviceId: string): Promise<ServiceAttestation[]>;
  /** Newest first. */
  listAttestations(serviceId: string, options?: { limit?: number }): Promise<ServiceAttestation[]>;
  saveEvaluation(evaluation: Omit<StoredDownstreamEvaluation, 'id'>): Promise<StoredDownstreamEvaluation>;
  latestEvaluation(serviceId: string): Promise<StoredDownstreamEvaluation | undefined>;
  /** Keeps the service's `keep` newest evaluations; returns how many were deleted. */
  pruneEvaluations(serviceId: string, keep: number): Promise<number>;
}

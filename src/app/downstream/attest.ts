import type { DownstreamFact, DownstreamSnapshot } from '../../store/downstream-types.js';
import { ATTESTED_FACTS, type AttestedFact, type ServiceAttestation } from '../../store/passthrough-types.js';
import type { Store } from '../../store/store.js';
import type { NameIdFormat } from '../../checks/downstream/passthrough-types.js';
import { recordAudit } from '../audit.js';
import { withStore } from '../database-url.js';
import { InvalidInputError } from '../errors.js';
import { findDownstreamService } from './service-lookup.js';

export interface AttestServiceInput {
  database: string | Store;
  /** The service's id or name. */
  service: string;
  fact: string;
  /** `true`/`false` (sso-enforced) or `login`/`email` (name-id-format), as text from a flag or JSON. */
  value: string | boolean;
  /** The named admin who checked the setting (an email address). */
  attestedBy: string;
  /** When they checked it (default: now). */
  attestedAt?: Date | undefined;
  /** What they saw, in their words. */
  statement: string;
  /** Who records it, for the audit log: `cli:<os user>`, `api:<account>`. */
  actor: string;
  now: Date;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_STATEMENT = 2000;

/**
 * Records a fact about a service that its API cannot show, attested by a named admin (who, when, what), with its
 * audit entry in the same transaction. The attestation is append-only: a later one of the same fact supersedes it in
 * the evaluation and the history stays.
 */
export function attestServiceFact(input: AttestServiceInput): Promise<ServiceAttestation> {
  return withStore(
    input.database,
    async (store) => {
      const fact = parseFact(input.fact);
      const value = parseValue(fact, input.value);
      const attestedBy = input.attestedBy.trim();
      if (!EMAIL.test(attestedBy)) throw new InvalidInputError(`--by must be the attesting admin's email address (got "${input.attestedBy}").`);
      const statement = input.statement.trim();
      if (statement === '') throw new InvalidInputError('--statement must say what the admin saw (e.g. "Settings › Authentication security: Require SAML SSO is on").');
      if (statement.length > MAX_STATEMENT) throw new InvalidInputError(`--statement is longer than ${MAX_STATEMENT} characters.`);
      const attestedAt = input.attestedAt ?? input.now;
      if (Number.isNaN(attestedAt.getTime())) throw new InvalidInputError('--at must be an ISO 8601 date and time.');
      if (attestedAt.getTime() > input.now.getTime()) throw new InvalidInputError(`--at ${attestedAt.toISOString()} is in the future.`);
      const service = await findDownstreamService(store, input.service);
      return store.transaction(async (tx) => {
        const recorded = await tx.passthrough.recordAttestation({ serviceId: service.id, fact, value, attestedBy, attestedAt, statement });
        await recordAudit(tx, {
          actor: input.actor,
          action: 'downstream.attest',
          details: { serviceId: service.id, serviceName: service.name, fact, value, attestedBy, attestedAt: attestedAt.toISOString(), statement, attestationId: recorded.id },
        });
        return recorded;
      });
    },
    { mustExist: true },
  );
}

function parseFact(fact: string): AttestedFact {
  const known = ATTESTED_FACTS.find((candidate) => candidate === fact);
  if (known === undefined) throw new InvalidInputError(`--fact must be one of ${ATTESTED_FACTS.join(', ')} (got "${fact}").`);
  return known;
}

function parseValue(fact: AttestedFact, value: string | boolean): boolean | NameIdFormat {
  const text = String(value).trim().toLowerCase();
  if (fact === 'sso-enforced') {
    if (text === 'true' || text === 'yes') return true;
    if (text === 'false' || text === 'no') return false;
    throw new InvalidInputError(`--value for sso-enforced must be true or false (got "${String(value)}").`);
  }
  if (text === 'login' || text === 'email') return text;
  throw new InvalidInputError(`--value for name-id-format must be login or email (got "${String(value)}").`);
}

/**
 * Applies the newest attestations to a read: an attestation fills an `unverified` SSO fact only — what the service's
 * API says is never overridden by a statement. Returns the NameID format to match by, when attested.
 */
export function applyAttestations(snapshot: DownstreamSnapshot, attestations: readonly ServiceAttestation[]): { snapshot: DownstreamSnapshot; nameIdFormat?: { format: NameIdFormat; source: string } } {
  const sso = attestations.find((attestation) => attestation.fact === 'sso-enforced');
  const format = attestations.find((attestation) => attestation.fact === 'name-id-format');
  const ssoEnforced: DownstreamFact<boolean> =
    snapshot.ssoEnforced.source === 'unverified' && sso !== undefined && typeof sso.value === 'boolean'
      ? { source: 'attested', value: sso.value, by: sso.attestedBy, at: sso.attestedAt.toISOString(), statement: sso.statement }
      : snapshot.ssoEnforced;
  const nameIdFormat: { format: NameIdFormat; source: string } | undefined =
    format !== undefined && (format.value === 'login' || format.value === 'email')
      ? { format: format.value, source: `attested by ${format.attestedBy} on ${format.attestedAt.toISOString()}: ${format.statement}` }
      : undefined;
  return { snapshot: { ...snapshot, ssoEnforced }, ...(nameIdFormat === undefined ? {} : { nameIdFormat }) };
}

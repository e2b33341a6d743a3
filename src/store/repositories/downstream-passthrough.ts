import type { Selectable } from 'kysely';
import { StoreError } from '../errors.js';
import type { DownstreamAttestationsTable, DownstreamMfaResultsTable } from '../passthrough-schema.js';
import { ATTESTED_FACTS, type AttestedFact, type DownstreamPassthroughRepository, type ServiceAttestation, type StoredDownstreamEvaluation } from '../passthrough-types.js';
import type { RepositoryContext } from './context.js';
import { readDate, readJson, writeDate, writeJson } from './row-values.js';

const DEFAULT_LIST_LIMIT = 50;

/** Attestations are append-only (a new one of a fact adds a row); evaluations are kept per service and pruned. */
export function createDownstreamPassthroughRepository(ctx: RepositoryContext): DownstreamPassthroughRepository {
  return {
    async recordAttestation(attestation) {
      const recordedAt = ctx.now();
      const id = ctx.newId(recordedAt);
      await ctx.db
        .insertInto('downstream_attestations')
        .values({
          id,
          service_id: attestation.serviceId,
          fact: attestation.fact,
          value: writeJson(attestation.value),
          attested_by: attestation.attestedBy,
          attested_at: writeDate(attestation.attestedAt),
          statement: attestation.statement,
          recorded_at: writeDate(recordedAt),
        })
        .execute();
      return { id, recordedAt, ...attestation };
    },

    async latestAttestations(serviceId) {
      const rows = await ctx.db.selectFrom('downstream_attestations').selectAll().where('service_id', '=', serviceId).orderBy('id', 'desc').execute();
      const latest = new Map<string, ServiceAttestation>();
      for (const row of rows) if (!latest.has(row.fact)) latest.set(row.fact, toAttestation(row));
      return [...latest.values()];
    },

    async listAttestations(serviceId, options = {}) {
      const rows = await ctx.db
        .selectFrom('downstream_attestations')
        .selectAll()
        .where('service_id', '=', serviceId)
        .orderBy('id', 'desc')
        .limit(options.limit ?? DEFAULT_LIST_LIMIT)
        .execute();
      return rows.map(toAttestation);
    },

    async saveEvaluation(evaluation) {
      const id = ctx.newId(evaluation.evaluatedAt);
      await ctx.db
        .insertInto('downstream_mfa_results')
        .values({
          id,
          service_id: evaluation.serviceId,
          okta_org: evaluation.oktaOrg,
          okta_snapshot_id: evaluation.oktaSnapshotId,
          evaluated_at: writeDate(evaluation.evaluatedAt),
          status: evaluation.status,
          counts: writeJson(evaluation.counts),
          evaluation: writeJson(evaluation.evaluation),
        })
        .execute();
      return { id, ...evaluation };
    },

    async latestEvaluation(serviceId) {
      const row = await ctx.db.selectFrom('downstream_mfa_results').selectAll().where('service_id', '=', serviceId).orderBy('id', 'desc').limit(1).executeTakeFirst();
      return row === undefined ? undefined : toEvaluation(row);
    },

    async pruneEvaluations(serviceId, keep) {
      const kept = await ctx.db.selectFrom('downstream_mfa_results').select('id').where('service_id', '=', serviceId).orderBy('id', 'desc').limit(Math.max(keep, 0)).execute();
      let query = ctx.db.deleteFrom('downstream_mfa_results').where('service_id', '=', serviceId);
      if (kept.length > 0) query = query.where('id', 'not in', kept.map((row) => row.id));
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function toAttestation(row: Selectable<DownstreamAttestationsTable>): ServiceAttestation {
  const value = readJson(row.value, 'downstream_attestations.value');
  if (typeof value !== 'boolean' && typeof value !== 'string') throw new StoreError('STORE_QUERY_FAILED', `downstream_attestations.value of ${row.id} is neither a boolean nor a string.`);
  return {
    id: row.id,
    serviceId: row.service_id,
    fact: toFact(row.fact, row.id),
    value,
    attestedBy: row.attested_by,
    attestedAt: readDate(row.attested_at, 'downstream_attestations.attested_at'),
    statement: row.statement,
    recordedAt: readDate(row.recorded_at, 'downstream_attestations.recorded_at'),
  };
}

function toFact(fact: string, id: string): AttestedFact {
  const known = ATTESTED_FACTS.find((candidate) => candidate === fact);
  if (known === undefined) throw new StoreError('STORE_QUERY_FAILED', `downstream_attestations.fact of ${id} is ${fact}, not one of ${ATTESTED_FACTS.join(', ')}.`);
  return known;
}

function toEvaluation(row: Selectable<DownstreamMfaResultsTable>): StoredDownstreamEvaluation {
  const counts = readJson(row.counts, 'downstream_mfa_results.counts');
  return {
    id: row.id,
    serviceId: row.service_id,
    oktaOrg: row.okta_org,
    oktaSnapshotId: row.okta_snapshot_id,
    evaluatedAt: readDate(row.evaluated_at, 'downstream_mfa_results.evaluated_at'),
    status: row.status,
    counts: typeof counts === 'object' && counts !== null ? (counts as Record<string, number>) : {},
    evaluation: readJson(row.evaluation, 'downstream_mfa_results.evaluation'),
  };
}

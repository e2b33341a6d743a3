import { evaluateDownstreamMfa } from '../../checks/downstream/downstream-mfa.js';
import type { DownstreamMfaEvaluation } from '../../checks/downstream/passthrough-types.js';
import { overallStatus } from '../../checks/engine.js';
import { DEFAULT_CHECK_SETTINGS, loadSnapshotView, type PasswordProfileId } from '../../checks/index.js';
import type { StoredDownstreamEvaluation } from '../../store/passthrough-types.js';
import type { Store } from '../../store/store.js';
import type { LogEventRecord } from '../../store/types.js';
import { DAY_MS } from '../../config/runtime.js';
import { withStore } from '../database-url.js';
import { OperationFailedError } from '../errors.js';
import { applyAttestations } from './attest.js';
import { exportDownstreamEvidence, type DownstreamEvidenceSummary, type DownstreamEvidenceTarget } from './evidence.js';
import { findDownstreamService } from './service-lookup.js';

export interface DownstreamPassthroughInput {
  database: string | Store;
  /** The service's id or name. */
  service: string;
  now: Date;
  /** The MFA baseline profile (which factors count); default the checks' default. */
  profile?: PasswordProfileId | undefined;
  /** Days of System Log read for recent SSO sign-ins (default 30). */
  signInDays?: number | undefined;
  /** Evaluations kept per service (default 20). */
  keep?: number | undefined;
  /**
   * Write the service's signed export into `<root>/<okta domain>/downstream/<service id>/<time>-<read id>`, chained in
   * the service's own chain, keeping the newest `keep` (src/app/downstream/evidence.ts).
   */
  evidence?: DownstreamEvidenceTarget | undefined;
}

export interface DownstreamPassthroughOutcome {
  evaluation: DownstreamMfaEvaluation;
  stored: StoredDownstreamEvaluation;
  exported: DownstreamEvidenceSummary | undefined;
}

/** The Okta System Log events the sign-in corroboration reads (OKTA-API.md §10.4). */
const SIGN_IN_EVENT_TYPES = ['user.authentication.sso', 'user.authentication.auth_via_mfa', 'user.authentication.verify', 'user.mfa.okta_verify', 'policy.evaluate_sign_on'] as const;
const DEFAULT_SIGN_IN_DAYS = 30;
const DEFAULT_KEEP = 20;

/**
 * **Called after every downstream sync or import** (the GitHub connector's pipeline, the scheduler, `services
 * evaluate`, the API): evaluates the downstream MFA test of one service over its current read and the current Okta
 * snapshot of the org it signs in through, with the newest attestations applied; stores the evaluation; and, given
 * an evidence target, writes the service's signed export in its own chain — the coverage artifact beside the Okta
 * artifacts its links rest on (mfa-policies, user-app-assignments).
 */
export function runDownstreamPassthrough(input: DownstreamPassthroughInput): Promise<DownstreamPassthroughOutcome> {
  return withStore(
    input.database,
    async (store) => {
      const service = await findDownstreamService(store, input.service);
      const read = await store.downstream.currentSnapshot(service.id);
      if (read === undefined) throw new OperationFailedError(`No read of "${service.name}" is stored yet: sync its connection or import it first.`);
      const oktaSnapshot = await store.snapshots.current(service.oktaOrg);
      if (oktaSnapshot === undefined) throw new OperationFailedError(`No successful sync of ${service.oktaOrg}, the Okta org "${service.name}" signs in through: run okta-evidence sync first.`);
      const attested = applyAttestations(read, await store.passthrough.latestAttestations(service.id));
      const view = await loadSnapshotView(store, oktaSnapshot);
      const since = new Date(input.now.getTime() - (input.signInDays ?? DEFAULT_SIGN_IN_DAYS) * DAY_MS);
      const signInEvents: LogEventRecord[] = [];
      for await (const event of store.logEvents.stream(service.oktaOrg, { since, until: input.now }, { eventTypes: SIGN_IN_EVENT_TYPES })) signInEvents.push(event);
      const evaluation = evaluateDownstreamMfa({
        snapshot: attested.snapshot,
        view,
        profile: input.profile ?? DEFAULT_CHECK_SETTINGS.profile,
        ...(attested.nameIdFormat === undefined ? {} : { nameIdFormat: attested.nameIdFormat }),
        signInEvents,
        now: input.now,
      });
      const stored = await store.passthrough.saveEvaluation({
        serviceId: service.id,
        oktaOrg: service.oktaOrg,
        oktaSnapshotId: oktaSnapshot.id,
        evaluatedAt: input.now,
        status: overallStatus(evaluation.counts),
        counts: evaluation.counts,
        evaluation,
      });
      await store.passthrough.pruneEvaluations(service.id, input.keep ?? DEFAULT_KEEP);
      const exported = input.evidence === undefined ? undefined : await exportDownstreamEvidence(store, evaluation, read, input.evidence, input.now);
      return { evaluation, stored, exported };
    },
    { mustExist: true },
  );
}

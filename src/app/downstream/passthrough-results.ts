import type { CoverageBasis, DownstreamAccountResult, DownstreamMfaEvaluation } from '../../checks/downstream/passthrough-types.js';
import type { DownstreamService } from '../../store/downstream-types.js';
import type { StoredDownstreamEvaluation } from '../../store/passthrough-types.js';
import type { StoreRepositories } from '../../store/store.js';
import type { CheckStatus } from '../../store/types.js';
import { NotFoundError } from '../read/errors.js';

/*
 * The newest stored downstream MFA evaluation of a service, per account, as a person browses it: one page at a time
 * in (login, account id) order, filtered by verdict. The evaluation is stored whole (migration 0012); members and
 * outside collaborators are listed together, each with its kind, so the apart-reported collaborators stay visible.
 */

export interface PassthroughResultsQuery {
  verdict?: CheckStatus | undefined;
  basis?: CoverageBasis | undefined;
  limit: number;
  /** The key of the previous page's last account: [folded login, account id]. */
  after?: readonly string[] | undefined;
}

export interface PassthroughResultsPage {
  service: DownstreamService;
  evaluation: Pick<StoredDownstreamEvaluation, 'id' | 'oktaOrg' | 'oktaSnapshotId' | 'evaluatedAt' | 'status' | 'counts'> &
    Pick<DownstreamMfaEvaluation, 'readAt' | 'serviceChain' | 'gaps' | 'nameIdFormat' | 'bypassCredentials'>;
  items: DownstreamAccountResult[];
  /** The key of this page's last account when more follow; null on the last page. */
  nextKey: string[] | null;
}

function keyOf(account: DownstreamAccountResult): [string, string] {
  return [account.login.toLowerCase(), account.accountId];
}

function before(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const [x, y] = [a[i] ?? '', b[i] ?? ''];
    if (x !== y) return x < y;
  }
  return false;
}

/** The evaluation as stored by `runDownstreamPassthrough`; anything else is a bug worth an error, not an empty page. */
function storedEvaluation(stored: StoredDownstreamEvaluation): DownstreamMfaEvaluation {
  const evaluation = stored.evaluation as Partial<DownstreamMfaEvaluation> | null;
  if (evaluation === null || typeof evaluation !== 'object' || !Array.isArray(evaluation.accounts) || !Array.isArray(evaluation.outsideCollaborators)) {
    throw new Error(`stored downstream evaluation ${stored.id} has no accounts: it was not written by this version`);
  }
  return evaluation as DownstreamMfaEvaluation;
}

/** The service by id or name (any case); 404 when there is none. */
export async function serviceByIdOrName(store: Pick<StoreRepositories, 'downstream'>, idOrName: string): Promise<DownstreamService> {
  const service = (await store.downstream.getService(idOrName)) ?? (await store.downstream.findServiceByName(idOrName));
  if (service === undefined) throw new NotFoundError(`No downstream service ${JSON.stringify(idOrName)}: connect GitHub (POST /api/github-connections) or import one (POST /api/services/imports).`);
  return service;
}

export async function latestPassthroughResults(store: Pick<StoreRepositories, 'downstream' | 'passthrough'>, serviceIdOrName: string, query: PassthroughResultsQuery): Promise<PassthroughResultsPage> {
  const service = await serviceByIdOrName(store, serviceIdOrName);
  const stored = await store.passthrough.latestEvaluation(service.id);
  if (stored === undefined) throw new NotFoundError(`"${service.name}" has not been evaluated yet: it is evaluated after each sync or import of it (and a sync of ${service.oktaOrg}).`);
  const evaluation = storedEvaluation(stored);
  const matching = [...evaluation.accounts, ...evaluation.outsideCollaborators]
    .filter((account) => (query.verdict === undefined || account.status === query.verdict) && (query.basis === undefined || account.basis === query.basis))
    .sort((a, b) => (before(keyOf(a), keyOf(b)) ? -1 : before(keyOf(b), keyOf(a)) ? 1 : 0));
  const after = query.after;
  const start = after === undefined ? 0 : matching.findIndex((account) => before(after, keyOf(account)));
  const items = start === -1 ? [] : matching.slice(start, start + query.limit);
  const last = items.at(-1);
  const more = start !== -1 && start + query.limit < matching.length;
  return {
    service,
    evaluation: {
      id: stored.id,
      oktaOrg: stored.oktaOrg,
      oktaSnapshotId: stored.oktaSnapshotId,
      evaluatedAt: stored.evaluatedAt,
      status: stored.status,
      counts: stored.counts,
      readAt: evaluation.readAt,
      serviceChain: evaluation.serviceChain,
      gaps: evaluation.gaps,
      nameIdFormat: evaluation.nameIdFormat,
      bypassCredentials: evaluation.bypassCredentials,
    },
    items,
    nextKey: more && last !== undefined ? keyOf(last) : null,
  };
}

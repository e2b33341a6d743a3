import { ALL_CHECKS } from '../../checks/all-checks.js';
import { CONTROLS, FRAMEWORKS, type FrameworkId } from '../../frameworks/controls.js';
import { ARTIFACT_CONTROLS, ARTIFACT_IDS } from '../../frameworks/mapping.js';
import type { CheckStatus } from '../../store/index.js';
import type { ServerStore } from './context.js';
import { NotFoundError } from './errors.js';

export interface FrameworkSummary {
  id: FrameworkId;
  title: string;
  controls: number;
}

export function listFrameworks(): FrameworkSummary[] {
  return (Object.keys(FRAMEWORKS) as FrameworkId[]).map((id) => ({ id, title: FRAMEWORKS[id], controls: CONTROLS.filter((control) => control.framework === id).length }));
}

export interface ControlStatus {
  id: string;
  title: string;
  /** fail when a mapped check fails or errors; pass when every mapped check passes; unknown without results. */
  status: CheckStatus | 'unknown';
  checks: { id: string; title: string; status: CheckStatus | 'unknown' }[];
  artifacts: string[];
}

/** Each control of a framework with the checks and evidence artifacts that serve it and their current status. */
export async function frameworkStatus(store: ServerStore, org: string, frameworkId: string): Promise<{ id: FrameworkId; title: string; controls: ControlStatus[] }> {
  if (!(frameworkId in FRAMEWORKS)) throw new NotFoundError(`No framework ${frameworkId}: one of ${Object.keys(FRAMEWORKS).join(', ')}.`);
  const id = frameworkId as FrameworkId;
  const run = await store.checkResults.latestSummary(org);
  const statusOf = (checkId: string): CheckStatus | 'unknown' => run?.results.find((result) => result.id === checkId)?.status ?? 'unknown';
  const controls = CONTROLS.filter((control) => control.framework === id).map((control): ControlStatus => {
    const checks = ALL_CHECKS.filter((check) => check.controls.includes(control.id)).map((check) => ({ id: check.id, title: check.title, status: statusOf(check.id) }));
    const artifacts = ARTIFACT_IDS.filter((artifact) => ARTIFACT_CONTROLS[artifact].includes(control.id));
    return { id: control.id, title: control.title, status: combined(checks.map((check) => check.status)), checks, artifacts };
  });
  return { id, title: FRAMEWORKS[id], controls };
}

function combined(statuses: (CheckStatus | 'unknown')[]): CheckStatus | 'unknown' {
  if (statuses.length === 0) return 'not_applicable';
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('unknown')) return 'unknown';
  return statuses.every((status) => status === 'not_applicable') ? 'not_applicable' : 'pass';
}

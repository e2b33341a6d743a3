/** The checks engine's public surface: the checks, evaluating them over a snapshot view, and comparing runs. */
export { ALL_CHECKS } from './all-checks.js';
export { CHECK_STATUSES, SEVERITIES, defineCheck, severityRank, type CheckContext, type CheckDefinition, type CheckEntityResult, type CheckStatus, type Severity } from './check.js';
export { diffRuns, type CheckChanges, type EntityChange, type RunChanges } from './diff.js';
export { evaluateChecks, type CheckResult, type CheckRunResult, type EvaluateOptions } from './engine.js';
export { PASSWORD_PROFILE_IDS, PASSWORD_PROFILES, type PasswordProfileId } from './password-profiles.js';
export { CheckSettingsError, DEFAULT_CHECK_SETTINGS, checkSettingsSchema, parseCheckSettings, type CheckSettings, type CheckSettingsInput } from './settings.js';
export { buildSnapshotView, loadSnapshotView, type SnapshotView, type SnapshotViewParts } from './snapshot-view.js';

import type { EvidenceArtifact } from '../artifact.js';
import { accessReviewsArtifact } from './access-reviews.js';
import { adminRolesArtifact } from './admin-roles.js';
import { applicationsInventoryArtifact } from './applications-inventory.js';
import { groupsMembershipsArtifact } from './groups-memberships.js';
import { mfaPoliciesArtifact } from './mfa-policies.js';
import { oktaUsersArtifact } from './okta-users.js';
import { passwordPoliciesArtifact } from './password-policies.js';
import { systemLogsArtifact } from './system-logs.js';
import { userAppAssignmentsArtifact } from './user-app-assignments.js';
import { userMfaFactorsArtifact } from './user-mfa-factors.js';

/**
 * The artifacts of every Okta export (the six the seed names, then the newer ones), in the order of ARTIFACT_IDS; the
 * per-service ones (PER_SERVICE_ARTIFACT_IDS) go in each downstream service's own exports (src/app/downstream/evidence.ts).
 */
export const EVIDENCE_ARTIFACTS: readonly EvidenceArtifact[] = [
  oktaUsersArtifact,
  userAppAssignmentsArtifact,
  applicationsInventoryArtifact,
  mfaPoliciesArtifact,
  passwordPoliciesArtifact,
  systemLogsArtifact,
  accessReviewsArtifact,
  groupsMembershipsArtifact,
  adminRolesArtifact,
  userMfaFactorsArtifact,
];

import type { EvidenceArtifact } from '../artifact.js';
import { accessReviewsArtifact } from './access-reviews.js';
import { applicationsInventoryArtifact } from './applications-inventory.js';
import { mfaPoliciesArtifact } from './mfa-policies.js';
import { oktaUsersArtifact } from './okta-users.js';
import { passwordPoliciesArtifact } from './password-policies.js';
import { systemLogsArtifact } from './system-logs.js';
import { userAppAssignmentsArtifact } from './user-app-assignments.js';

/** The artifacts of every export (the six the seed names, then the newer ones), in the order of ARTIFACT_IDS. */
export const EVIDENCE_ARTIFACTS: readonly EvidenceArtifact[] = [
  oktaUsersArtifact,
  userAppAssignmentsArtifact,
  applicationsInventoryArtifact,
  mfaPoliciesArtifact,
  passwordPoliciesArtifact,
  systemLogsArtifact,
  accessReviewsArtifact,
];

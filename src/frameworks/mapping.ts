import type { ControlId } from './controls.js';

/**
 * Which controls each evidence artifact and each security test serves. One reviewable table: an auditor or a
 * reviewer reads this file, not code. Ids of artifacts and checks are the product's stable ids.
 */

export const ARTIFACT_IDS = [
  'okta-users',
  'user-app-assignments',
  'applications-inventory',
  'mfa-policies',
  'password-policies',
  'system-logs',
  'access-reviews',
  'groups-memberships',
  'admin-roles',
  'user-mfa-factors',
  // One per downstream service (`downstream-mfa-coverage-<service id>`), in each GitHub or imported service's own
  // exports (docs/github.md, "Evidence"), never in the Okta org's.
  'downstream-mfa-coverage',
] as const;
export type ArtifactId = (typeof ARTIFACT_IDS)[number];

/** The artifacts exported once per downstream service, in that service's exports: not in every Okta export. */
export const PER_SERVICE_ARTIFACT_IDS = ['downstream-mfa-coverage'] as const satisfies readonly ArtifactId[];

export const CHECK_IDS = [
  'mfa-enabled-all-users',
  'mfa-enforced-at-sign-in',
  'password-policy-compliance',
  'inactive-user-accounts',
  'application-access-review',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const ARTIFACT_CONTROLS: Record<ArtifactId, readonly ControlId[]> = {
  'okta-users': [
    'SOC2:CC6.1', 'SOC2:CC6.2', 'ISO27001_2013:A.9.2', 'ISO27001_2013:A.9.2.1', 'ISO27001_2013:A.9.2.6',
    'ISO27001_2022:5.16', 'ISO27001_2022:5.18', 'HIPAA:164.308(a)(4)', 'GDPR:Art.32', 'PCI_DSS_4:8.2.6',
    'NIST_CSF_1_1:PR.AC-1', 'NIST_CSF_2_0:PR.AA-01',
  ],
  'user-app-assignments': [
    'SOC2:CC6.2', 'SOC2:CC6.3', 'ISO27001_2013:A.9.2.2', 'ISO27001_2013:A.9.2.5', 'ISO27001_2022:5.15',
    'ISO27001_2022:5.18', 'HIPAA:164.308(a)(4)', 'GDPR:Art.32', 'PCI_DSS_4:7.2.4', 'NIST_CSF_1_1:PR.AC-4',
    'NIST_CSF_2_0:PR.AA-05',
  ],
  'applications-inventory': [
    'SOC2:CC6.1', 'ISO27001_2013:A.9.4', 'ISO27001_2022:5.15', 'HIPAA:164.312(a)', 'GDPR:Art.32',
    'PCI_DSS_4:7.2.4', 'NIST_CSF_1_1:PR.AC-4', 'NIST_CSF_2_0:PR.AA-05',
  ],
  'mfa-policies': [
    'SOC2:CC6.1', 'ISO27001_2013:A.9.4.2', 'ISO27001_2022:8.5', 'HIPAA:164.312(d)', 'GDPR:Art.32', 'PCI_DSS_4:8.4',
    'NIST_CSF_1_1:PR.AC-7', 'NIST_CSF_2_0:PR.AA-03',
  ],
  'password-policies': [
    'SOC2:CC6.1', 'ISO27001_2013:A.9.4.3', 'ISO27001_2022:5.17', 'HIPAA:164.312(d)', 'GDPR:Art.32', 'PCI_DSS_4:8.3',
    'NIST_CSF_1_1:PR.AC-1', 'NIST_CSF_2_0:PR.AA-01',
  ],
  'system-logs': [
    'SOC2:CC6.1', 'ISO27001_2013:A.9.4.2', 'ISO27001_2022:8.15', 'HIPAA:164.312(b)', 'GDPR:Art.32', 'PCI_DSS_4:10.2',
    'NIST_CSF_1_1:DE.CM-3', 'NIST_CSF_2_0:DE.CM-03',
  ],
  // Periodic review of access rights, as the application-access-review check.
  'access-reviews': [
    'SOC2:CC6.2', 'SOC2:CC6.3', 'ISO27001_2013:A.9.2.5', 'ISO27001_2022:5.18', 'HIPAA:164.308(a)(4)', 'GDPR:Art.32',
    'PCI_DSS_4:7.2.4', 'NIST_CSF_1_1:PR.AC-4', 'NIST_CSF_2_0:PR.AA-05',
  ],
  // Groups decide who gets which app and which policy: access provisioning and role-based access.
  'groups-memberships': [
    'SOC2:CC6.2', 'SOC2:CC6.3', 'ISO27001_2013:A.9.2.2', 'ISO27001_2022:5.15', 'ISO27001_2022:5.18',
    'HIPAA:164.308(a)(4)', 'GDPR:Art.32', 'PCI_DSS_4:7.2', 'NIST_CSF_1_1:PR.AC-4', 'NIST_CSF_2_0:PR.AA-05',
  ],
  // Privileged access (issue 12: ISO A.9.2.3 / 8.2, PCI 7.2).
  'admin-roles': [
    'SOC2:CC6.1', 'SOC2:CC6.3', 'ISO27001_2013:A.9.2.3', 'ISO27001_2022:8.2', 'HIPAA:164.308(a)(4)', 'GDPR:Art.32',
    'PCI_DSS_4:7.2', 'NIST_CSF_1_1:PR.AC-4', 'NIST_CSF_2_0:PR.AA-05',
  ],
  // The enrollment side of MFA, per user: as mfa-enabled-all-users.
  'user-mfa-factors': [
    'SOC2:CC6.1', 'ISO27001_2013:A.9.4.2', 'ISO27001_2022:8.5', 'HIPAA:164.312(d)', 'GDPR:Art.32', 'PCI_DSS_4:8.4',
    'NIST_CSF_1_1:PR.AC-7', 'NIST_CSF_2_0:PR.AA-03',
  ],
  // MFA on the services reached through Okta SSO (issue 15): the same MFA controls as the MFA tests, since it
  // evidences MFA on the services' side, per account.
  'downstream-mfa-coverage': [
    'SOC2:CC6.1', 'ISO27001_2013:A.9.4.2', 'ISO27001_2022:8.5', 'HIPAA:164.312(d)', 'GDPR:Art.32', 'PCI_DSS_4:8.4',
    'NIST_CSF_1_1:PR.AC-7', 'NIST_CSF_2_0:PR.AA-03',
  ],
};

export const CHECK_CONTROLS: Record<CheckId, readonly ControlId[]> = {
  'mfa-enabled-all-users': [
    'SOC2:CC6.1', 'ISO27001_2013:A.9.4.2', 'ISO27001_2022:8.5', 'HIPAA:164.312(d)', 'GDPR:Art.32', 'PCI_DSS_4:8.4',
    'NIST_CSF_1_1:PR.AC-7', 'NIST_CSF_2_0:PR.AA-03',
  ],
  // Enforcement of the same MFA requirement enrollment evidences: the same controls.
  'mfa-enforced-at-sign-in': [
    'SOC2:CC6.1', 'ISO27001_2013:A.9.4.2', 'ISO27001_2022:8.5', 'HIPAA:164.312(d)', 'GDPR:Art.32', 'PCI_DSS_4:8.4',
    'NIST_CSF_1_1:PR.AC-7', 'NIST_CSF_2_0:PR.AA-03',
  ],
  'password-policy-compliance': [
    'SOC2:CC6.1', 'ISO27001_2013:A.9.4.3', 'ISO27001_2022:5.17', 'HIPAA:164.312(d)', 'GDPR:Art.32', 'PCI_DSS_4:8.3',
    'NIST_CSF_1_1:PR.AC-1', 'NIST_CSF_2_0:PR.AA-01',
  ],
  'inactive-user-accounts': [
    'SOC2:CC6.2', 'ISO27001_2013:A.9.2.6', 'ISO27001_2022:5.18', 'HIPAA:164.308(a)(4)', 'GDPR:Art.32', 'PCI_DSS_4:8.2.6',
    'NIST_CSF_1_1:PR.AC-1', 'NIST_CSF_2_0:PR.AA-01',
  ],
  'application-access-review': [
    'SOC2:CC6.2', 'SOC2:CC6.3', 'ISO27001_2013:A.9.2.5', 'ISO27001_2022:5.18', 'HIPAA:164.308(a)(4)', 'GDPR:Art.32',
    'PCI_DSS_4:7.2.4', 'NIST_CSF_1_1:PR.AC-4', 'NIST_CSF_2_0:PR.AA-05',
  ],
};

/** The controls of every service's `downstream-mfa-coverage-<service id>` artifact. */
export const DOWNSTREAM_MFA_COVERAGE_CONTROLS: readonly ControlId[] = ARTIFACT_CONTROLS['downstream-mfa-coverage'];

/**
 * The control catalog: every framework control the Okta evidence and tests serve, with readable stable ids
 * (`SOC2:CC6.1`). Sources and wording: ../shared/BASELINES.md ("Framework controls for the evidence mapping").
 * Legacy editions (ISO 27001:2013, NIST CSF 1.1) stand beside the current ones (ISO 27001:2022, NIST CSF 2.0),
 * because auditors still ask for both.
 */

export const FRAMEWORKS = {
  SOC2: 'SOC 2 (Trust Services Criteria 2017)',
  ISO27001_2013: 'ISO/IEC 27001:2013 Annex A',
  ISO27001_2022: 'ISO/IEC 27001:2022 Annex A',
  HIPAA: 'HIPAA Security Rule (45 CFR Part 164)',
  GDPR: 'GDPR',
  PCI_DSS_4: 'PCI DSS v4.0',
  NIST_CSF_1_1: 'NIST Cybersecurity Framework 1.1',
  NIST_CSF_2_0: 'NIST Cybersecurity Framework 2.0',
} as const;
export type FrameworkId = keyof typeof FRAMEWORKS;

export interface Control {
  id: string;
  framework: FrameworkId;
  title: string;
}

function control(framework: FrameworkId, ref: string, title: string): Control {
  return { id: `${framework}:${ref}`, framework, title };
}

export const CONTROLS = [
  control('SOC2', 'CC6.1', 'Logical access security software, infrastructure and architectures'),
  control('SOC2', 'CC6.2', 'Registration and authorization of new users; removal of access'),
  control('SOC2', 'CC6.3', 'Role-based access, least privilege and periodic access reviews'),
  control('ISO27001_2013', 'A.9.2', 'User access management'),
  control('ISO27001_2013', 'A.9.2.1', 'User registration and de-registration'),
  control('ISO27001_2013', 'A.9.2.2', 'User access provisioning'),
  control('ISO27001_2013', 'A.9.2.3', 'Management of privileged access rights'),
  control('ISO27001_2013', 'A.9.2.5', 'Review of user access rights'),
  control('ISO27001_2013', 'A.9.2.6', 'Removal or adjustment of access rights'),
  control('ISO27001_2013', 'A.9.4', 'System and application access control'),
  control('ISO27001_2013', 'A.9.4.2', 'Secure log-on procedures'),
  control('ISO27001_2013', 'A.9.4.3', 'Password management system'),
  control('ISO27001_2022', '5.15', 'Access control'),
  control('ISO27001_2022', '5.16', 'Identity management'),
  control('ISO27001_2022', '5.17', 'Authentication information'),
  control('ISO27001_2022', '5.18', 'Access rights'),
  control('ISO27001_2022', '8.2', 'Privileged access rights'),
  control('ISO27001_2022', '8.5', 'Secure authentication'),
  control('ISO27001_2022', '8.15', 'Logging'),
  control('HIPAA', '164.312(d)', 'Person or entity authentication'),
  control('HIPAA', '164.308(a)(4)', 'Information access management'),
  control('HIPAA', '164.312(a)', 'Access control'),
  control('HIPAA', '164.312(b)', 'Audit controls'),
  control('GDPR', 'Art.32', 'Security of processing (access control; regularly testing, assessing and evaluating)'),
  control('PCI_DSS_4', '7.2', 'Access to system components and data is appropriately defined and assigned'),
  control('PCI_DSS_4', '7.2.4', 'User accounts and access privileges are reviewed at least once every six months'),
  control('PCI_DSS_4', '8.2.6', 'Inactive user accounts are removed or disabled within 90 days'),
  control('PCI_DSS_4', '8.3', 'Strong authentication for users and administrators (passwords, lockout, history, age)'),
  control('PCI_DSS_4', '8.4', 'Multi-factor authentication is implemented to secure access'),
  control('PCI_DSS_4', '10.2', 'Audit logs capture user activities and access'),
  control('NIST_CSF_1_1', 'PR.AC-1', 'Identities and credentials are issued, managed, verified, revoked and audited'),
  control('NIST_CSF_1_1', 'PR.AC-4', 'Access permissions are managed, incorporating least privilege'),
  control('NIST_CSF_1_1', 'PR.AC-7', 'Users, devices and other assets are authenticated'),
  control('NIST_CSF_1_1', 'DE.CM-3', 'Personnel activity is monitored'),
  control('NIST_CSF_2_0', 'PR.AA-01', 'Identities and credentials for authorized users are managed'),
  control('NIST_CSF_2_0', 'PR.AA-03', 'Users, services and hardware are authenticated'),
  control('NIST_CSF_2_0', 'PR.AA-05', 'Access permissions, entitlements and authorizations are defined, managed and reviewed'),
  control('NIST_CSF_2_0', 'DE.CM-03', 'Personnel activity and technology usage are monitored'),
] as const satisfies readonly Control[];

export type ControlId = (typeof CONTROLS)[number]['id'];

const byId = new Map<string, Control>(CONTROLS.map((c) => [c.id, c]));

export function controlById(id: ControlId): Control {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown control ${id}`);
  return found;
}

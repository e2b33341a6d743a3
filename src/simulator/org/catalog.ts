/**
 * Static data the generator draws from. All identities are synthetic; every address is at example.com and every
 * IP address is in the documentation ranges (RFC 5737), so nothing generated can point at a real person or host.
 */

export const FIRST_NAMES = [
  'Alice', 'Bob', 'Carol', 'David', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Karl', 'Laura', 'Mallory',
  'Nina', 'Oscar', 'Peggy', 'Quentin', 'Rupert', 'Sybil', 'Trent', 'Ursula', 'Victor', 'Walter', 'Xena', 'Yusuf',
  'Zoe', 'Aaron', 'Beatriz', 'Chen', 'Dmitri', 'Elena', 'Fatima', 'Gustavo', 'Hana', 'Ingrid', 'Jamal', 'Kenji',
  'Leila', 'Mateo', 'Noor', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sanjay', 'Tomas', 'Uma', 'Valentina', 'Wei', 'Yara',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Garcia', 'Miller', 'Davis', 'Martinez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Moore',
  'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Young', 'Allen', 'King',
  'Wright', 'Scott', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Rivera', 'Campbell', 'Mitchell',
  'Carter', 'Roberts', 'Kowalski', 'Novak', 'Schmidt', 'Rossi', 'Tanaka', 'Okafor', 'Haddad', 'Silva', 'Dubois',
  'Jensen', 'Ivanova', 'Patel', 'Kim',
] as const;

export interface Department {
  name: string;
  /** Relative headcount. */
  weight: number;
  titles: readonly string[];
}

export const DEPARTMENTS: readonly Department[] = [
  { name: 'Engineering', weight: 24, titles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'Engineering Manager', 'SRE'] },
  { name: 'Sales', weight: 16, titles: ['Account Executive', 'Sales Development Rep', 'Sales Manager', 'Solutions Engineer'] },
  { name: 'Customer Support', weight: 12, titles: ['Support Engineer', 'Support Lead', 'Customer Success Manager'] },
  { name: 'Marketing', weight: 8, titles: ['Marketing Manager', 'Content Strategist', 'Product Marketing Manager'] },
  { name: 'Product', weight: 7, titles: ['Product Manager', 'Product Designer', 'UX Researcher'] },
  { name: 'Finance', weight: 6, titles: ['Accountant', 'Financial Analyst', 'Controller'] },
  { name: 'Operations', weight: 8, titles: ['Operations Analyst', 'Program Manager', 'Office Manager'] },
  { name: 'IT', weight: 5, titles: ['IT Administrator', 'Systems Engineer', 'Help Desk Technician', 'Security Engineer'] },
  { name: 'Human Resources', weight: 4, titles: ['HR Business Partner', 'Recruiter', 'People Operations Specialist'] },
  { name: 'Legal', weight: 2, titles: ['Counsel', 'Paralegal', 'Compliance Manager'] },
];

export type SignOnMode = 'SAML_2_0' | 'OPENID_CONNECT' | 'BOOKMARK' | 'AUTO_LOGIN';

export interface CatalogApp {
  /** Okta's catalog key (`name` on the app). */
  name: string;
  label: string;
  signOnMode: SignOnMode;
  /** Host used for sign-in URLs; always under example.com. */
  host: string;
  /** Whether the integration provisions users (PROVISIONED app users, `features`). */
  provisioning: boolean;
}

export const APP_CATALOG: readonly CatalogApp[] = [
  { name: 'slack', label: 'Slack', signOnMode: 'SAML_2_0', host: 'slack.example.com', provisioning: true },
  { name: 'githubcloud', label: 'GitHub Enterprise Cloud', signOnMode: 'SAML_2_0', host: 'github.example.com', provisioning: false },
  { name: 'salesforce', label: 'Salesforce.com', signOnMode: 'SAML_2_0', host: 'salesforce.example.com', provisioning: true },
  { name: 'zoomus', label: 'Zoom', signOnMode: 'SAML_2_0', host: 'zoom.example.com', provisioning: true },
  { name: 'workday', label: 'Workday', signOnMode: 'SAML_2_0', host: 'workday.example.com', provisioning: false },
  { name: 'amazon_aws', label: 'AWS Account Federation', signOnMode: 'SAML_2_0', host: 'aws.example.com', provisioning: false },
  { name: 'atlassian', label: 'Atlassian Cloud', signOnMode: 'SAML_2_0', host: 'atlassian.example.com', provisioning: true },
  { name: 'boxnet', label: 'Box', signOnMode: 'SAML_2_0', host: 'box.example.com', provisioning: true },
  { name: 'servicenow_app2', label: 'ServiceNow', signOnMode: 'SAML_2_0', host: 'servicenow.example.com', provisioning: false },
  { name: 'datadog', label: 'Datadog', signOnMode: 'SAML_2_0', host: 'datadog.example.com', provisioning: false },
  { name: 'pagerduty', label: 'PagerDuty', signOnMode: 'SAML_2_0', host: 'pagerduty.example.com', provisioning: false },
  { name: 'oidc_client', label: 'Internal Portal', signOnMode: 'OPENID_CONNECT', host: 'portal.example.com', provisioning: false },
  { name: 'oidc_client', label: 'Expense Tracker', signOnMode: 'OPENID_CONNECT', host: 'expenses.example.com', provisioning: false },
  { name: 'oidc_client', label: 'Build Dashboard', signOnMode: 'OPENID_CONNECT', host: 'builds.example.com', provisioning: false },
  { name: 'oidc_client', label: 'Partner Portal', signOnMode: 'OPENID_CONNECT', host: 'partners.example.com', provisioning: false },
  { name: 'bookmark', label: 'Company Wiki', signOnMode: 'BOOKMARK', host: 'wiki.example.com', provisioning: false },
  { name: 'bookmark', label: 'Benefits Site', signOnMode: 'BOOKMARK', host: 'benefits.example.com', provisioning: false },
  { name: 'bookmark', label: 'IT Help Center', signOnMode: 'BOOKMARK', host: 'help.example.com', provisioning: false },
  { name: 'template_swa', label: 'Legacy Payroll', signOnMode: 'AUTO_LOGIN', host: 'payroll.example.com', provisioning: false },
  { name: 'template_swa', label: 'Vendor Extranet', signOnMode: 'AUTO_LOGIN', host: 'extranet.example.com', provisioning: false },
];

export const APP_SIGN_ON_MODE_WEIGHTS = [
  ['SAML_2_0', 45],
  ['OPENID_CONNECT', 25],
  ['BOOKMARK', 18],
  ['AUTO_LOGIN', 12],
] as const;

export interface AdminRole {
  type: string;
  label: string;
}

export const ADMIN_ROLES = {
  SUPER_ADMIN: { type: 'SUPER_ADMIN', label: 'Super Administrator' },
  ORG_ADMIN: { type: 'ORG_ADMIN', label: 'Organizational Administrator' },
  APP_ADMIN: { type: 'APP_ADMIN', label: 'Application Administrator' },
  USER_ADMIN: { type: 'USER_ADMIN', label: 'Group Administrator' },
  HELP_DESK_ADMIN: { type: 'HELP_DESK_ADMIN', label: 'Help Desk Administrator' },
  READ_ONLY_ADMIN: { type: 'READ_ONLY_ADMIN', label: 'Read Only Administrator' },
  REPORT_ADMIN: { type: 'REPORT_ADMIN', label: 'Report Administrator' },
} as const satisfies Record<string, AdminRole>;

export interface Place {
  city: string;
  state: string;
  country: string;
  postalCode: string;
  lat: number;
  lon: number;
}

export const PLACES: readonly Place[] = [
  { city: 'New York', state: 'New York', country: 'United States', postalCode: '10013', lat: 40.7209, lon: -74.0007 },
  { city: 'San Francisco', state: 'California', country: 'United States', postalCode: '94107', lat: 37.7697, lon: -122.3933 },
  { city: 'Chicago', state: 'Illinois', country: 'United States', postalCode: '60606', lat: 41.8825, lon: -87.6376 },
  { city: 'Austin', state: 'Texas', country: 'United States', postalCode: '78701', lat: 30.2711, lon: -97.7437 },
  { city: 'Seattle', state: 'Washington', country: 'United States', postalCode: '98101', lat: 47.6114, lon: -122.3305 },
  { city: 'London', state: 'England', country: 'United Kingdom', postalCode: 'EC2A', lat: 51.5237, lon: -0.0817 },
  { city: 'Dublin', state: 'Leinster', country: 'Ireland', postalCode: 'D02', lat: 53.3398, lon: -6.2603 },
  { city: 'Toronto', state: 'Ontario', country: 'Canada', postalCode: 'M5V', lat: 43.6426, lon: -79.3871 },
];

export interface UserAgent {
  raw: string;
  os: string;
  browser: string;
  device: string;
}

export const USER_AGENTS: readonly UserAgent[] = [
  { raw: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', os: 'Mac OS X', browser: 'CHROME', device: 'Computer' },
  { raw: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0', os: 'Windows 10', browser: 'EDGE_CHROMIUM', device: 'Computer' },
  { raw: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0', os: 'Windows 10', browser: 'FIREFOX', device: 'Computer' },
  { raw: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15', os: 'Mac OS X', browser: 'SAFARI', device: 'Computer' },
  { raw: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', os: 'iOS', browser: 'MOBILE_SAFARI', device: 'Mobile' },
  { raw: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36', os: 'Android', browser: 'CHROME', device: 'Mobile' },
];

export const PUSH_DEVICES = [
  { deviceType: 'SmartPhone_IPhone', platform: 'IOS', name: 'iPhone 15', version: '17.4.1' },
  { deviceType: 'SmartPhone_IPhone', platform: 'IOS', name: 'iPhone 13', version: '16.7.2' },
  { deviceType: 'SmartPhone_Android', platform: 'ANDROID', name: 'Pixel 8', version: '14' },
  { deviceType: 'SmartPhone_Android', platform: 'ANDROID', name: 'Galaxy S23', version: '14' },
] as const;

export const FASTPASS_DEVICES = [
  { deviceType: 'Desktop_Mac', platform: 'MACOS', name: 'MacBook Pro', version: '14.4.1' },
  { deviceType: 'Desktop_Windows', platform: 'WINDOWS', name: 'ThinkPad X1', version: '10.0.22631' },
  ...PUSH_DEVICES,
] as const;

export const WEBAUTHN_AUTHENTICATORS = ['MacBook Touch ID', 'YubiKey 5 NFC', 'Windows Hello', 'YubiKey 5C', 'Google Titan Key'] as const;

export const SECURITY_QUESTIONS = [
  { question: 'disliked_food', questionText: 'What is the food you least liked as a child?' },
  { question: 'name_of_first_plush_toy', questionText: 'What is the name of your first stuffed animal?' },
  { question: 'first_award', questionText: 'What did you earn your first medal or award for?' },
] as const;

/** Area codes for fictional numbers: 555-0100 to 555-0199 are reserved for fiction in the NANP. */
export const AREA_CODES = ['206', '212', '312', '415', '512', '617'] as const;

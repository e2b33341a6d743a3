/*
 * What the connector reads of an organization, each with the permission it needs (GITHUB-API.md §1–§3, D-MEM,
 * D-FGP, GQL field docs). A dataset the credential may not read is `not_permitted`, naming what to add, and the
 * snapshot's completeness says so: never an empty list taken for "nobody".
 */

export const GITHUB_DATASETS = [
  'organization',
  'members',
  'ownMfa',
  'outsideCollaborators',
  'samlIdentities',
  'enterpriseSaml',
  'credentialAuthorizations',
] as const;
export type GithubDatasetId = (typeof GITHUB_DATASETS)[number];

export const GITHUB_DATASET_STATES = ['complete', 'partial', 'not_permitted', 'failed', 'skipped'] as const;
export type GithubDatasetState = (typeof GITHUB_DATASET_STATES)[number];

export interface GithubDatasetStatus {
  dataset: GithubDatasetId;
  state: GithubDatasetState;
  count: number;
  reason?: string;
  /** For `not_permitted`: the permission, scope or role that would allow it. */
  permissionNeeded?: string;
}

interface DatasetInfo {
  label: string;
  /** What to grant a GitHub App (or fine-grained token) / a classic token. */
  app: string;
  classic: string;
}

export const DATASET_INFO: Record<GithubDatasetId, DatasetInfo> = {
  organization: {
    label: 'organization settings (2FA requirement)',
    app: 'the organization permission Administration (read)',
    classic: "an organization owner's token with the admin:org scope",
  },
  members: { label: 'members', app: 'the organization permission Members (read)', classic: 'a token with the read:org scope' },
  ownMfa: {
    label: "members' own 2FA (filter=2fa_disabled / 2fa_insecure)",
    app: 'the organization permission Members (read); GitHub shows 2FA status to organization owners only',
    classic: "an organization owner's token with the read:org scope",
  },
  outsideCollaborators: { label: 'outside collaborators', app: 'the organization permission Members (read)', classic: 'a token with the read:org scope' },
  samlIdentities: {
    label: 'SAML identities (GraphQL externalIdentities)',
    app: 'the organization permission Members (read)',
    classic: "an organization owner's token with the read:org scope",
  },
  enterpriseSaml: {
    label: 'enterprise SAML settings (ENFORCED state)',
    app: "an enterprise owner's classic token with the read:enterprise scope (enterprise settings are visible to enterprise owners only)",
    classic: "an enterprise owner's token with the read:enterprise scope",
  },
  credentialAuthorizations: {
    label: 'SAML-authorized credentials (PATs, SSH keys)',
    app: 'the organization permission Administration (read)',
    classic: "an organization owner's token with the read:org scope",
  },
};

export function permissionFor(dataset: GithubDatasetId, credentialKind: 'app' | 'token'): string {
  const info = DATASET_INFO[dataset];
  return credentialKind === 'app' ? info.app : `${info.app} (fine-grained token), or ${info.classic} (classic token)`;
}

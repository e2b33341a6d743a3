import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubSimulator, type GitHubSimulatorHandle } from '../simulator/github/index.js';
import type { GhOrg } from '../simulator/github/model.js';
import { createGithubClient, type GithubCredential } from './client.js';
import { readGithubOrganization } from './read-org.js';

/*
 * The GitHub client and the organization read against the GitHub simulator (src/simulator/github/), addressed as a
 * GitHub Enterprise Server (`/api/v3`, `/api/graphql`) since it runs on loopback.
 */

let sim: GitHubSimulatorHandle;

beforeAll(async () => {
  sim = await startGitHubSimulator({
    seed: 7,
    orgs: [
      { login: 'example-eng', members: 250, outsideCollaborators: 12, saml: 'org', twoFactorRequired: true },
      { login: 'example-platform', members: 40, saml: 'enterprise', enterprise: 'example-corp' },
      { login: 'example-labs', members: 20, saml: 'none' },
      { login: 'example-noapp', members: 5, saml: 'none', appInstalled: false },
    ],
  });
}, 60_000);
afterAll(() => sim.close());

function app(installationId: string | null = null): GithubCredential {
  return { kind: 'app', appId: String(sim.credentials.appId), privateKey: sim.credentials.privateKeyPem, installationId };
}

function orgOf(login: string): GhOrg {
  const org = sim.world.orgs.get(login);
  if (org === undefined) throw new Error(`no simulated org ${login}`);
  return org;
}

const client = (org: string, credential: GithubCredential, baseUrl = sim.ghesApiUrl) => createGithubClient({ baseUrl, org, credential });

describe('reading an organization from the GitHub simulator', () => {
  it('reads every member (three pages and more), their own 2FA, outside collaborators, SAML NameIDs and authorized credentials as a GitHub App', async () => {
    const github = await client('example-eng', app());
    expect(github.installationId).toBe(String(orgOf('example-eng').installation?.id));
    const read = await readGithubOrganization(github);
    const org = orgOf('example-eng');

    expect(read.orgId).toBe(String(org.id));
    expect(read.requiresOwnMfa).toBe(true);
    const members = read.accounts.filter((a) => a.kind === 'member');
    expect(members).toHaveLength(250);
    expect(read.accounts.filter((a) => a.kind === 'outside_collaborator')).toHaveLength(12);
    const expected = { secure: 'enabled', insecure: 'insecure', none: 'disabled' } as const;
    for (const { user } of org.members) expect(members.find((a) => a.accountId === String(user.id))?.ownMfa).toBe(expected[user.twoFactor]);
    for (const user of org.outsideCollaborators) {
      const account = read.accounts.find((a) => a.accountId === String(user.id) && a.kind === 'outside_collaborator');
      expect(account).toMatchObject({ ownMfa: expected[user.twoFactor], samlNameId: null });
    }
    // Every claimed identity of a member is linked, across pages of 100; members without one have none.
    const linked = new Map((org.samlProvider?.identities ?? []).flatMap((i) => (i.user !== null && org.membersByLogin.has(i.user.login) ? [[String(i.user.id), i.nameId]] : [])));
    expect(linked.size).toBeGreaterThan(100);
    for (const account of members) expect(account.samlNameId).toBe(linked.get(account.accountId) ?? null);
    expect(read.credentials.length).toBe(org.credentialAuthorizations.length);
    expect(read.credentials.length).toBeGreaterThan(0);

    expect(read.samlConfigured).toBe(true);
    // A standalone org's enforcement is not in GitHub's API: unverified, never assumed.
    expect(read.ssoEnforced).toMatchObject({ source: 'unverified', value: null, why: expect.stringContaining('does not show whether a standalone organization enforces SAML SSO') as string });
    expect(read.completeness).toEqual({ accounts: true, ownMfa: true, samlIdentities: true, credentials: true, notes: [] });
    expect(github.stats.secondaryLimitRefusals).toBe(0);
  });

  it('shows enterprise SAML as enforced to an enterprise owner, with the NameIDs from the enterprise', async () => {
    const github = await client('example-platform', { kind: 'token', token: sim.credentials.tokens.owner });
    const read = await readGithubOrganization(github, { enterprise: 'example-corp' });
    expect(read.samlConfigured).toBe(true);
    expect(read.ssoEnforced).toMatchObject({ source: 'api', value: true, detail: expect.stringContaining('enterprise example-corp') as string });
    expect(read.accounts.some((a) => a.kind === 'member' && a.samlNameId !== null)).toBe(true);
    expect(read.datasets.find((d) => d.dataset === 'enterpriseSaml')?.state).toBe('complete');
  });

  it('says an App cannot see enterprise settings: enforcement stays unverified', async () => {
    const github = await client('example-platform', app());
    const read = await readGithubOrganization(github, { enterprise: 'example-corp' });
    expect(read.ssoEnforced).toMatchObject({ source: 'unverified', why: expect.stringContaining('visible to enterprise owners only') as string });
    expect(read.datasets.find((d) => d.dataset === 'enterpriseSaml')).toMatchObject({ state: 'not_permitted', permissionNeeded: expect.stringContaining('read:enterprise') as string });
  });

  it('says passthrough cannot apply to an organization without SAML', async () => {
    const read = await readGithubOrganization(await client('example-labs', app()));
    expect(read.samlConfigured).toBe(false);
    expect(read.ssoEnforced).toMatchObject({ source: 'api', value: false, detail: expect.stringContaining('passthrough cannot apply') as string });
    expect(read.completeness.notes.join('\n')).toMatch(/no SAML identity provider GitHub shows: passthrough through Okta cannot apply/);
    expect(read.accounts.every((a) => a.samlNameId === null)).toBe(true);
  });

  it('marks what a fine-grained token without Members may not read as not permitted, naming the permission', async () => {
    const read = await readGithubOrganization(await client('example-eng', { kind: 'token', token: sim.credentials.tokens.fineGrainedNoMembers }));
    expect(read.datasets.find((d) => d.dataset === 'members')).toMatchObject({ state: 'not_permitted', permissionNeeded: expect.stringContaining('Members (read)') as string });
    expect(read.completeness.accounts).toBe(false);
    expect(read.completeness.notes.some((n) => n.startsWith('members: not permitted'))).toBe(true);
  });

  it('reads a plain member’s token honestly: 2FA and SAML are owner-only, so unknown, never "enabled"', async () => {
    const read = await readGithubOrganization(await client('example-eng', { kind: 'token', token: sim.credentials.tokens.member }));
    const members = read.accounts.filter((a) => a.kind === 'member');
    expect(members.length).toBeGreaterThan(0);
    expect(members.every((a) => a.ownMfa === 'unknown')).toBe(true);
    expect(read.requiresOwnMfa).toBeNull();
    expect(read.completeness.ownMfa).toBe(false);
    expect(read.datasets.find((d) => d.dataset === 'ownMfa')?.state).toBe('not_permitted');
  });
});

describe('bad input', () => {
  it('a wrong token is refused with a clear error and no token in it', async () => {
    const github = await client('example-eng', { kind: 'token', token: 'ghp_thisIsNotAValidTokenAtAll000000000' });
    const error = await readGithubOrganization(github).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'GITHUB_CREDENTIAL_INVALID', message: expect.stringContaining('The GitHub token was refused (401') as string });
    expect(JSON.stringify(error)).not.toContain('thisIsNotAValidToken');
  });

  it('an App not installed on the organization says so', async () => {
    await expect(client('example-noapp', app())).rejects.toMatchObject({ code: 'GITHUB_APP_NOT_INSTALLED', message: expect.stringContaining('is not installed on the organization example-noapp') as string });
  });

  it('an installation id of another organization is refused', async () => {
    const other = String(orgOf('example-labs').installation?.id);
    await expect(client('example-eng', app(other))).rejects.toMatchObject({ code: 'GITHUB_APP_NOT_INSTALLED', message: expect.stringContaining(`Installation ${other} is not`) as string });
  });

  it('an unknown organization is named', async () => {
    const github = await client('example-eng', { kind: 'token', token: sim.credentials.tokens.owner });
    const other = await createGithubClient({ baseUrl: sim.ghesApiUrl, org: 'no-such-org', credential: { kind: 'token', token: sim.credentials.tokens.owner } });
    expect(github.org).toBe('example-eng');
    await expect(readGithubOrganization(other)).rejects.toMatchObject({ code: 'GITHUB_ORG_NOT_FOUND', message: expect.stringContaining('no-such-org') as string });
  });

  it('a GitHub Enterprise Server address that is not one says so', async () => {
    const notGithub = createServer((_request, response) => {
      response.writeHead(404, { 'content-type': 'text/html' }).end('<html>intranet</html>');
    });
    await new Promise<void>((resolve) => notGithub.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(notGithub.address() as AddressInfo).port}`;
      const github = await client('example-eng', { kind: 'token', token: sim.credentials.tokens.owner }, url);
      await expect(readGithubOrganization(github)).rejects.toMatchObject({ code: 'GITHUB_NOT_GITHUB', message: expect.stringContaining(`${url}/api/v3 is not a GitHub Enterprise Server`) as string });
      await expect(client('example-eng', app(), url)).rejects.toMatchObject({ code: 'GITHUB_NOT_GITHUB' });
    } finally {
      await new Promise((resolve) => notGithub.close(resolve));
    }
  });

  it('a key that is not a PEM private key is refused before any request', async () => {
    await expect(client('example-eng', { kind: 'app', appId: '1', privateKey: 'not a key', installationId: null })).rejects.toMatchObject({ code: 'GITHUB_AUTH_CONFIG_INVALID' });
  });
});

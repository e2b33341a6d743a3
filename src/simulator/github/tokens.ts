import { randomBytes } from 'node:crypto';
import type { GhOrg, GhUser, GhWorld } from './model.js';

/** The personal access tokens a started simulator accepts, by what they are for (docs/github-simulator.md). */
export interface GitHubSimTokens {
  /** Classic PAT of an owner of every org and of the enterprise: `read:org`, `admin:org`, `read:enterprise`; SSO-authorized. */
  owner: string;
  /** Classic PAT of a plain member of the first org: `read:org`, SSO-authorized. */
  member: string;
  /** The owner's classic PAT that was never SSO-authorized: SAML orgs answer 403 with `x-github-sso`. */
  ownerNotSsoAuthorized: string;
  /** Fine-grained PAT of the owner on the first org: Members read and Administration read. */
  fineGrained: string;
  /** Fine-grained PAT of the owner on the first org with Administration read only (no Members). */
  fineGrainedNoMembers: string;
}

function token(prefix: string, length: number): string {
  return prefix + randomBytes(length).toString('base64url').replace(/[-_]/g, 'x').slice(0, length);
}

/** Registers the tokens in the world. The owner is the first org's first owner; the member its first plain member. */
export function issueTokens(world: GhWorld): GitHubSimTokens {
  const first: GhOrg | undefined = world.orgs.values().next().value;
  if (first === undefined) throw new Error('the simulated GitHub has no organization');
  const owner = first.members.find((m) => m.role === 'admin')?.user;
  const member: GhUser | undefined = first.members.find((m) => m.role === 'member')?.user ?? owner;
  if (owner === undefined || member === undefined) throw new Error(`organization ${first.login} has no members`);
  const tokens: GitHubSimTokens = {
    owner: token('ghp_', 36),
    member: token('ghp_', 36),
    ownerNotSsoAuthorized: token('ghp_', 36),
    fineGrained: token('github_pat_', 82),
    fineGrainedNoMembers: token('github_pat_', 82),
  };
  world.tokens.set(tokens.owner, { kind: 'classic', user: owner, scopes: ['admin:org', 'read:enterprise', 'read:org', 'repo'], ssoAuthorized: true });
  world.tokens.set(tokens.member, { kind: 'classic', user: member, scopes: ['read:org', 'repo'], ssoAuthorized: true });
  world.tokens.set(tokens.ownerNotSsoAuthorized, { kind: 'classic', user: owner, scopes: ['admin:org', 'read:org', 'repo'], ssoAuthorized: false });
  world.tokens.set(tokens.fineGrained, { kind: 'fine-grained', user: owner, resourceOwner: first.login, permissions: { members: 'read', organization_administration: 'read' } });
  world.tokens.set(tokens.fineGrainedNoMembers, { kind: 'fine-grained', user: owner, resourceOwner: first.login, permissions: { organization_administration: 'read' } });
  return tokens;
}

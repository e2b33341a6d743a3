import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { buildOrg } from './build.js';
import { orgFileSchema, type OrgFile } from './org-file-schema.js';
import type { JsonWebKeyLike, SimAppGroup, SimAppUser, SimOAuthClient, SimOrg, SimPolicyRule } from './types.js';

/**
 * An org file that cannot be used. The message is one line naming the file and, when the content is at fault, the
 * JSON path of the first problem: `org file ./org.json: users[3].status: expected one of STAGED, …`.
 * Values are quoted only for enum fields, so a token or key in the file never reaches a log line.
 */
export class OrgFileError extends Error {
  readonly code = 'SIM_ORG_FILE_INVALID';
  readonly file: string;
  /** e.g. `users[3].status`; null when the file could not be read or parsed at all. */
  readonly jsonPath: string | null;

  constructor(file: string, jsonPath: string | null, problem: string, options: { cause?: unknown } = {}) {
    const where = jsonPath === null || jsonPath === '' ? '' : `${jsonPath}: `;
    super(`org file ${file}: ${where}${problem}`.replace(/\s*\n\s*/g, ' '), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OrgFileError';
    this.file = file;
    this.jsonPath = jsonPath;
  }
}

/** Reads, validates and indexes an org file (shape in org-file-schema.ts). `now` resolves defaults and `now-90d`. */
export async function loadOrgFile(path: string, opts: { now: number }): Promise<SimOrg> {
  const data = parseJson(path, await readText(path));
  const result = orgFileSchema(opts.now).safeParse(data, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new OrgFileError(path, issue ? formatPath(issue.path) : null, issue ? describeIssue(issue) : 'invalid');
  }
  const file = result.data;
  checkUniqueIds(path, file);

  return buildOrg({
    name: file.name,
    orgId: file.orgId,
    pipeline: file.pipeline,
    users: file.users,
    factors: file.factors,
    groups: file.groups,
    groupMembers: file.groupMembers,
    apps: file.apps,
    appUsers: withUserNames(file),
    appGroups: mapValues(file.appGroups, (rows): SimAppGroup[] => rows.map((g, k) => ({ ...g, priority: g.priority ?? k }))),
    policies: file.policies,
    policyRules: withRuleDefaults(file),
    roles: file.roles,
    logs: file.logs,
    sswsTokens: file.sswsTokens,
    oauthClients: file.oauthClients.map((client, i) => toOAuthClient(path, client, i)),
  });
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory, not a JSON file' : code === 'EACCES' ? 'permission denied' : `cannot be read (${code ?? String(error)})`;
    throw new OrgFileError(path, null, problem, { cause: error });
  }
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 reports a character offset; people look for line and column.
    const offset = /position (\d+)/.exec(message);
    const where = offset ? ` at line ${lineColumn(text, Number(offset[1]))}` : '';
    throw new OrgFileError(path, null, `not valid JSON${where}: ${message}`, { cause: error });
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** `['users', 3, 'profile', 'login']` → `users[3].profile.login`; keys that are not identifiers go in brackets. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value': {
      const got = typeof issue.input === 'string' ? `; got "${issue.input.slice(0, 40)}"` : '';
      return `expected one of ${issue.values.map(String).join(', ')}${got}`;
    }
    case 'invalid_type':
      return issue.input === undefined ? `required (${issue.expected})` : `expected ${issue.expected}, got ${describeType(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union':
      return 'expected PEM or JWK text, or a JWK object with "kty"';
    default:
      return issue.message;
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function checkUniqueIds(path: string, file: OrgFile): void {
  const lists: [string, { id: string }[]][] = [['users', file.users], ['groups', file.groups], ['apps', file.apps], ['policies', file.policies]];
  for (const [name, items] of lists) {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const earlier = first.get(item.id);
      if (earlier !== undefined) throw new OrgFileError(path, `${name}[${i}].id`, `duplicate id "${item.id}" (also ${name}[${earlier}])`);
      first.set(item.id, i);
    });
  }
  // Okta logins are unique regardless of case.
  const logins = new Map<string, number>();
  file.users.forEach((user, i) => {
    const login = user.profile.login.toLowerCase();
    const earlier = logins.get(login);
    if (earlier !== undefined) throw new OrgFileError(path, `users[${i}].profile.login`, `duplicate login (also users[${earlier}])`);
    logins.set(login, i);
  });
}

/** An app user's `credentials.userName` defaults to the user's login, as for apps that use the Okta username. */
function withUserNames(file: OrgFile): Record<string, SimAppUser[]> {
  const logins = new Map(file.users.map((u) => [u.id, u.profile.login]));
  return mapValues(file.appUsers, (rows) => rows.map((row) => ({ ...row, credentials: row.credentials ?? { userName: logins.get(row.id) ?? row.id } })));
}

/** Rules default their type from the policy (OKTA_SIGN_ON → SIGN_ON) and their priority from their position. */
function withRuleDefaults(file: OrgFile): Record<string, SimPolicyRule[]> {
  const policies = new Map(file.policies.map((p) => [p.id, p]));
  return Object.fromEntries(
    Object.entries(file.policyRules).map(([policyId, rules]) => {
      const policy = policies.get(policyId);
      const fallbackType = policy?.type === 'OKTA_SIGN_ON' ? 'SIGN_ON' : (policy?.type ?? 'UNKNOWN');
      return [policyId, rules.map((r, k) => ({ ...r, type: r.type ?? fallbackType, priority: r.priority ?? k + 1 }))];
    }),
  );
}

/** Accepts PEM (SPKI), JWK text or a JWK object; stores a public JWK. Private keys are refused, never echoed. */
function toOAuthClient(path: string, client: OrgFile['oauthClients'][number], i: number): SimOAuthClient {
  const where = `oauthClients[${i}].publicKey`;
  const input = client.publicKey;
  const pem = typeof input === 'string' && input.trimStart().startsWith('-----BEGIN') ? input : null;
  let given: Record<string, unknown> | null = null;
  if (pem === null) {
    try {
      given = typeof input === 'string' ? (JSON.parse(input) as Record<string, unknown>) : input;
    } catch (error) {
      throw new OrgFileError(path, where, 'expected SPKI PEM, JWK JSON text or a JWK object', { cause: error });
    }
  }
  // createPublicKey would happily derive a public key from a private one; a file holding one is a leak to report.
  if ((pem?.includes('PRIVATE KEY') ?? false) || (given !== null && ('d' in given || 'k' in given))) {
    throw new OrgFileError(path, where, 'contains private key material; give the public key only');
  }
  let jwk: JsonWebKeyLike;
  try {
    const key = pem !== null ? createPublicKey(pem) : createPublicKey({ key: given as JsonWebKey, format: 'jwk' });
    jwk = key.export({ format: 'jwk' }) as JsonWebKeyLike;
  } catch (error) {
    throw new OrgFileError(path, where, 'not a usable public key (expected an RSA or EC key as SPKI PEM or JWK)', { cause: error });
  }
  if (typeof given?.kid === 'string') jwk.kid = given.kid;
  return { clientId: client.clientId, publicKeys: [jwk], scopes: client.scopes, requireDpop: client.requireDpop };
}

function mapValues<T, U>(record: Record<string, T>, fn: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}

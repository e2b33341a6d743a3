import type { GithubCredential } from '../../github/client.js';
import type { GithubCredentialInfo } from '../../store/downstream-store-types.js';
import { fileWarnings, type ReadText } from '../connection-credential.js';
import { InvalidInputError } from '../errors.js';

/*
 * A GitHub connection's credential in clear exists only between reading it (a file, an API body) and sealing it, and
 * between opening it and building one client. The secret part is the App's private key or the token; the App id and
 * installation id are stored in clear so they can be shown.
 */

export function splitGithubCredential(credential: GithubCredential): { info: GithubCredentialInfo; secret: string } {
  return credential.kind === 'app'
    ? { info: { kind: 'app', appId: credential.appId, installationId: credential.installationId }, secret: credential.privateKey }
    : { info: { kind: 'token' }, secret: credential.token };
}

export function joinGithubCredential(info: GithubCredentialInfo, secret: string): GithubCredential {
  return info.kind === 'app' ? { kind: 'app', appId: info.appId, installationId: info.installationId, privateKey: secret } : { kind: 'token', token: secret };
}

/** What binds a GitHub connection's sealed secret (AES-GCM additional data): its service, which never changes. */
export function githubSealContext(serviceId: string): string {
  return `github:${serviceId}`;
}

export interface GithubCredentialFlags {
  appId?: string | undefined;
  privateKeyFile?: string | undefined;
  installationId?: string | undefined;
  tokenFile?: string | undefined;
}

/**
 * `--app-id A --private-key-file F [--installation-id I]` or `--token-file F`; undefined when none is given (an
 * update that keeps the stored credential). Warns about a file other users can read.
 */
export async function readGithubCredentialFlags(flags: GithubCredentialFlags, readText: ReadText): Promise<{ credential: GithubCredential; warnings: string[] } | undefined> {
  const app = flags.appId !== undefined || flags.privateKeyFile !== undefined || flags.installationId !== undefined;
  if (app && flags.tokenFile !== undefined) throw new InvalidInputError('give either a GitHub App (--app-id, --private-key-file, optional --installation-id) or a token (--token-file), not both');
  if (flags.tokenFile !== undefined) {
    const token = (await readFile(readText, flags.tokenFile, 'token')).trim();
    if (token === '') throw new InvalidInputError(`the token file ${JSON.stringify(flags.tokenFile)} is empty`);
    return { credential: { kind: 'token', token }, warnings: await fileWarnings(flags.tokenFile) };
  }
  if (!app) return undefined;
  if (flags.appId === undefined || flags.privateKeyFile === undefined) throw new InvalidInputError('a GitHub App needs both --app-id and --private-key-file (the .pem GitHub generated for it)');
  if (flags.installationId !== undefined && !/^\d+$/.test(flags.installationId)) throw new InvalidInputError(`--installation-id must be a number, got ${JSON.stringify(flags.installationId)}`);
  const privateKey = await readFile(readText, flags.privateKeyFile, 'private key');
  return {
    credential: { kind: 'app', appId: flags.appId.trim(), privateKey, installationId: flags.installationId ?? null },
    warnings: await fileWarnings(flags.privateKeyFile),
  };
}

async function readFile(readText: ReadText, path: string, what: string): Promise<string> {
  try {
    return await readText(path);
  } catch (error) {
    throw new InvalidInputError(`cannot read the ${what} file ${JSON.stringify(path)}: ${(error as NodeJS.ErrnoException).code ?? 'read failed'}`);
  }
}

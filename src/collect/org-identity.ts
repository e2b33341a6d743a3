import { parseOrgMetadata, ORG_METADATA_PATH, SIMULATOR_MARKER } from '../okta/org-metadata.js';
import type { OktaClient } from '../okta/client.js';
import type { SyncOrgIdentity } from '../store/types.js';

export interface OrgIdentityInput {
  client: Pick<OktaClient, 'get'>;
  domain: string;
  credential: { type: 'ssws' } | { type: 'oauth'; clientId: string };
  /**
   * The caller knows the org is the built-in simulator (the demo). Without it, the simulator is still recognised by
   * the marker its org metadata carries (`SIMULATOR_MARKER`), so a sync through a base-URL override to it is marked too.
   */
  simulated?: boolean;
  signal: AbortSignal;
}

/**
 * Reads who and what a sync is about to read: the org metadata and, for an API token, its admin
 * (`GET /api/v1/users/me`). Never rejects: a value it cannot read is null, with a sentence in `unknown`, because
 * evidence that says "unknown" is still evidence, and a sync that fails over it is none.
 */
export async function readSyncOrgIdentity(input: OrgIdentityInput): Promise<SyncOrgIdentity> {
  const unknown: string[] = [];
  let simulated = input.simulated === true;
  let orgId: string | null = null;
  let pipeline: SyncOrgIdentity['pipeline'] = null;
  try {
    const body = await input.client.get(ORG_METADATA_PATH, { signal: input.signal });
    if (isSimulatorMetadata(body)) simulated = true;
    const metadata = parseOrgMetadata(body);
    if (metadata === undefined) unknown.push(`org id unknown: ${ORG_METADATA_PATH} did not answer as an Okta org does.`);
    else {
      orgId = metadata.orgId;
      pipeline = metadata.pipeline;
      if (pipeline === null) unknown.push(`Identity Engine or Classic unknown: ${ORG_METADATA_PATH} named no known pipeline.`);
    }
  } catch (error) {
    unknown.push(`org id unknown: reading ${ORG_METADATA_PATH} failed (${messageOf(error)}).`);
  }
  let principal: string | null = null;
  if (input.credential.type === 'oauth') principal = `client ${input.credential.clientId}`;
  else {
    try {
      principal = describeUser(await input.client.get('/api/v1/users/me', { signal: input.signal }));
      if (principal === null) unknown.push('credential principal unknown: /api/v1/users/me named no user.');
    } catch (error) {
      unknown.push(`credential principal unknown: reading /api/v1/users/me failed (${messageOf(error)}).`);
    }
  }
  return { orgId, domain: input.domain, pipeline, credential: { type: input.credential.type, principal }, simulated, unknown };
}

function isSimulatorMetadata(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>)[SIMULATOR_MARKER.member] === SIMULATOR_MARKER.value;
}

function describeUser(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { id, profile } = body as { id?: unknown; profile?: { login?: unknown } };
  if (typeof id !== 'string') return null;
  const login = typeof profile?.login === 'string' ? profile.login : undefined;
  return login === undefined ? `user ${id}` : `${login} (user ${id})`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { OktaClientError } from './errors.js';
import { createAgent, DEFAULT_TIMEOUTS, sendHttp } from './http.js';

/** The org's authentication pipeline: `idx` is Identity Engine, `v1` is Classic Engine (SPEC PipelineType). */
export const ORG_PIPELINES = ['idx', 'v1'] as const;
export type OrgPipeline = (typeof ORG_PIPELINES)[number];

/** What `/.well-known/okta-organization` tells about an org. */
export interface OrgMetadata {
  /** The org's id (`00o…`): the same whatever domain or credential reaches it. */
  orgId: string;
  /** Null when Okta left it out or named a pipeline this version does not know (Okta adds enum values over time). */
  pipeline: OrgPipeline | null;
  /** `_links.organization.href`: the org's own URL. */
  organizationUrl: string | null;
  /** `_links.alternate.href`: the custom domain, when the org has one. */
  customDomainUrl: string | null;
}

export const ORG_METADATA_PATH = '/.well-known/okta-organization';

/**
 * The member the built-in simulator adds to its `/.well-known/okta-organization` answer (no real org sends it), so
 * any sync that reaches the simulator, however it was configured, records its evidence as simulated.
 */
export const SIMULATOR_MARKER = { member: 'x-okta-evidence-simulator', value: 'simulated org, not a real Okta org' } as const;

const href = z.looseObject({ href: z.string() }).optional().catch(undefined);
/** Lenient: only `id` is required; unknown fields (`settings`, new links) are ignored. */
const orgMetadataSchema = z.looseObject({
  id: z.string().min(1),
  pipeline: z.unknown().optional(),
  _links: z.looseObject({ organization: href, alternate: href }).optional().catch(undefined),
});

/** Parses the endpoint's body; returns undefined when it is not org metadata at all (no `id`). */
export function parseOrgMetadata(body: unknown): OrgMetadata | undefined {
  const parsed = orgMetadataSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { id, pipeline, _links: links } = parsed.data;
  return {
    orgId: id,
    pipeline: ORG_PIPELINES.find((p) => p === pipeline) ?? null,
    organizationUrl: links?.organization?.href ?? null,
    customDomainUrl: links?.alternate?.href ?? null,
  };
}

export interface ReadOrgMetadataOptions {
  signal: AbortSignal;
  /** Default: a short-lived pool, closed before returning. Pass the sync's (e.g. a proxy agent) to share it. */
  dispatcher?: Dispatcher;
  clock?: () => number;
}

/**
 * Reads `GET {baseUrl}/.well-known/okta-organization` (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/OrgSettingMetadata/).
 * The endpoint needs no credentials, so it tells a wrong domain apart from a wrong credential before any token is
 * sent. Throws OktaClientError: OKTA_NETWORK_ERROR / OKTA_TIMEOUT (host unreachable), OKTA_NOT_FOUND (no Okta org
 * there) or OKTA_BAD_RESPONSE (something else answered), each naming the URL and what to check.
 */
export async function readOrgMetadata(baseUrl: URL, options: ReadOrgMetadataOptions): Promise<OrgMetadata> {
  const url = new URL(ORG_METADATA_PATH, baseUrl);
  const where = url.origin;
  const ownAgent = options.dispatcher === undefined ? createAgent({ ...DEFAULT_TIMEOUTS, connectMs: 5_000 }) : undefined;
  try {
    const response = await sendHttp(
      options.dispatcher ?? (ownAgent as Dispatcher),
      { method: 'GET', url, headers: { accept: 'application/json' }, signal: options.signal, timeouts: { headersMs: 10_000, bodyMs: 10_000 }, maxBodyBytes: 64 * 1024 },
      options.clock ?? Date.now,
    ).catch((error: unknown) => {
      const failure = error as { kind?: string; message?: string };
      if (failure.kind === 'aborted') throw new OktaClientError('OKTA_ABORTED', `reading ${url.href} was cancelled`, { cause: error });
      const code = failure.kind === 'timeout' ? 'OKTA_TIMEOUT' : 'OKTA_NETWORK_ERROR';
      throw new OktaClientError(code, `cannot reach ${where}: ${failure.message ?? 'network error'}. Check the Okta domain (e.g. company.okta.com) and the network or proxy.`, {
        cause: error,
        request: `GET ${ORG_METADATA_PATH}`,
      });
    });
    const request = `GET ${ORG_METADATA_PATH}`;
    if (response.status === 404) {
      throw new OktaClientError('OKTA_NOT_FOUND', `no Okta org answers at ${where} (${ORG_METADATA_PATH} is 404): check the Okta domain — it is the org's own host, e.g. company.okta.com, not the -admin host.`, { status: 404, request });
    }
    if (response.status >= 300 && response.status < 400) {
      throw new OktaClientError('OKTA_BAD_RESPONSE', `${where} answered with a redirect (${response.status}): configure the org URL itself (e.g. company.okta.com, not the -admin host or a vanity redirect).`, { status: response.status, request });
    }
    if (response.status !== 200) {
      throw new OktaClientError(response.status >= 500 ? 'OKTA_SERVER_ERROR' : 'OKTA_BAD_RESPONSE', `${where} answered ${response.status} for ${ORG_METADATA_PATH}: check the Okta domain, or retry later.`, { status: response.status, request });
    }
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      body = undefined;
    }
    const metadata = parseOrgMetadata(body);
    if (metadata === undefined) {
      throw new OktaClientError('OKTA_BAD_RESPONSE', `${where} did not answer ${ORG_METADATA_PATH} as an Okta org does (no org id): check that the domain is the Okta org's host.`, { status: 200, request });
    }
    return metadata;
  } finally {
    await ownAgent?.close();
  }
}

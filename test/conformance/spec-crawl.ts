import type { ErrorObject, ValidateFunction } from 'ajv';

/**
 * A small crawler for the conformance test: GETs against a running simulator, every page of a list by following the
 * `next` link as given (header or body), and a collector of spec violations that names the entity at fault.
 */

export interface Fetched {
  status: number;
  body: unknown;
  headers: Headers;
}

/** A page count no list in a test org reaches; past it the crawl fails instead of looping (OKTA-API.md §13.10). */
const MAX_PAGES = 500;

export class SimCrawler {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** GET a path on the simulator, or an absolute URL it handed out (a next link). */
  async get(pathOrUrl: string, headers: Record<string, string> = {}): Promise<Fetched> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : this.baseUrl + pathOrUrl;
    const response = await fetch(url, { headers: { authorization: `SSWS ${this.token}`, accept: 'application/json', ...headers } });
    return { status: response.status, body: await response.json(), headers: response.headers };
  }

  /**
   * Every page of a list, in order. `nextOf` finds the next URL (default: the `Link rel="next"` header); `stop` ends
   * a list whose next link never disappears (System Log polling). A non-200 page throws: a crawl is never quietly short.
   */
  async *pages(path: string, options: { nextOf?: (page: Fetched) => string | null; stop?: (page: Fetched) => boolean } = {}): AsyncGenerator<Fetched> {
    const nextOf = options.nextOf ?? nextFromLinkHeader;
    const seen = new Set<string>();
    let url: string | null = path;
    while (url !== null) {
      if (seen.size >= MAX_PAGES) throw new Error(`${path}: more than ${MAX_PAGES} pages`);
      if (seen.has(url)) throw new Error(`${path}: next link repeats ${url}`);
      seen.add(url);
      const page = await this.get(url);
      if (page.status !== 200) throw new Error(`${url}: HTTP ${page.status} ${JSON.stringify(page.body)}`);
      yield page;
      if (options.stop?.(page) === true) return;
      url = nextOf(page);
    }
  }
}

/** The `rel="next"` target of a Link header; fetch joins several `link` headers with commas. */
export function nextFromLinkHeader(page: Fetched): string | null {
  const link = page.headers.get('link') ?? '';
  return /<([^>]+)>\s*;\s*rel="next"/.exec(link)?.[1] ?? null;
}

/** Runs `fn` over `items` with at most `limit` calls in flight. */
export async function forEachConcurrent<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

type JsonNode = unknown;

function entityIdOf(node: JsonNode): string | null {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return null;
  const record = node as Record<string, unknown>;
  const id = record.id ?? record.uuid;
  return typeof id === 'string' ? id : null;
}

/**
 * The entity an error points into: the outermost object on the error's path that has an `id` (or a log event's
 * `uuid`) and is the body itself or an element of a list, e.g. the user at `/3` for `/3/profile/email`.
 */
export function entityAt(body: JsonNode, instancePath: string): string {
  let node: JsonNode = body;
  let inList = true;
  for (const segment of ['', ...instancePath.split('/').slice(1)]) {
    if (segment !== '') {
      const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
      const parent: JsonNode = node;
      node = Array.isArray(parent) ? (parent[Number(key)] as JsonNode) : (parent as Record<string, JsonNode> | null)?.[key];
      inList = Array.isArray(parent);
    }
    const id = inList ? entityIdOf(node) : null;
    if (id !== null) return id;
  }
  return '(no id)';
}

interface Violation {
  /** Where and what, without list positions, so one problem found on many entities counts once. */
  kind: string;
  text: string;
}

/**
 * Spec violations found so far, each naming where it was found and the entity at fault. A report shows one example
 * of each distinct problem first, so a problem repeated on every log event does not hide the others.
 */
export class Violations {
  private readonly found: Violation[] = [];
  /** Bodies validated, to show a crawl really ran. */
  checked = 0;

  check(validate: ValidateFunction, body: unknown, where: string): void {
    this.checked++;
    if (validate(body)) return;
    // `if` errors only say that a discriminated branch failed; the branch's own errors follow them.
    for (const error of (validate.errors ?? []).filter((e: ErrorObject) => e.keyword !== 'if')) {
      const message = `${error.message ?? error.keyword} ${JSON.stringify(error.params)}`;
      this.found.push({
        kind: `${where.replace(/\/[0-9A-Za-z]{20}(?=\/|$)/g, '/{id}')} ${error.instancePath.replace(/\/\d+(?=\/|$)/g, '/*')} ${message}`,
        text: `${where} [${entityAt(body, error.instancePath)}] ${error.instancePath} ${message}`,
      });
    }
  }

  /** Up to `max` violations, one per distinct problem first, and how many more there are; empty when all conformed. */
  report(max = 10): string[] {
    const firstOfKind = new Map<string, Violation>();
    for (const v of this.found) if (!firstOfKind.has(v.kind)) firstOfKind.set(v.kind, v);
    const examples = new Set(firstOfKind.values());
    const shown = [...examples, ...this.found.filter((v) => !examples.has(v))].slice(0, max).map((v) => v.text);
    const more = this.found.length - shown.length;
    return more > 0 ? [...shown, `… and ${more} more (${firstOfKind.size} distinct problem${firstOfKind.size === 1 ? '' : 's'} in all)`] : shown;
  }

  /** Every distinct problem once, for investigating a failure. */
  distinct(): string[] {
    const firstOfKind = new Map<string, string>();
    for (const v of this.found) if (!firstOfKind.has(v.kind)) firstOfKind.set(v.kind, v.text);
    return [...firstOfKind.values()];
  }
}

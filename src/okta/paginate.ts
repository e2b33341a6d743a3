import { createHash } from 'node:crypto';
import { isOktaClientError, OktaClientError } from './errors.js';
import { findLink } from './link-header.js';
import { isUnderBase, type OktaRequest, type OktaResponse } from './transport.js';

/**
 * - `list`: an ordinary list; ends at the page without a `next` link.
 * - `logs-bounded`: a System Log query with `since` and `until`; ends without `next`, or defensively at an empty
 *   page (SDKs report `next` on bounded queries too, okta/okta-sdk-python#392).
 * - `logs-polling`: a System Log poll (no `until`), where `next` is always present, even on an empty page
 *   (https://developer.okta.com/docs/reference/system-log-query/, OKTA-API.md §13 pitfall 2).
 */
export type PaginationMode = 'list' | 'logs-bounded' | 'logs-polling';

export interface Page<T = unknown> {
  items: T[];
  url: string;
  status: number;
}

/**
 * How a pagination ended. `complete` is true only when the list ran to its end. Empty-page semantics:
 * - `logs-polling`: an empty page is the normal end of one poll, so the result is **complete up to now**;
 *   `resumeUrl` holds the `next` link to continue from on the next poll.
 * - `logs-bounded`: an empty page with a `next` link is taken as the end (complete), with the reason recorded.
 * - `list`: empty pages are followed like any other.
 */
export interface PaginationSummary {
  /** False while iterating, then true once the iteration has ended (for whatever reason). */
  finished: boolean;
  complete: boolean;
  pages: number;
  items: number;
  /** Why it stopped, when that is not simply "no next link". */
  reason?: string;
  /** The failure that ended it early (OKTA_PAGINATION_REFUSED for a repeated or foreign next link). */
  error?: OktaClientError;
  /** `logs-polling`: where the next poll continues. */
  resumeUrl?: string;
}

/** What pagination needs from the client: one GET, and the base URL links must stay under. */
export interface PageSource {
  readonly baseUrl: URL;
  send(request: OktaRequest): Promise<OktaResponse>;
}

/**
 * Caps on one list, so a list that never ends (a fresh cursor on every page) cannot fill the database. The defaults
 * sit far above what an Okta org holds in one list (the largest workforce orgs have a few hundred thousand users;
 * a System Log window of a busy org, read by syncs in turns, a few million events per sync) and are configurable.
 */
export interface ListLimits {
  maxPages: number;
  maxItems: number;
}

export const DEFAULT_LIST_LIMITS: ListLimits = { maxPages: 100_000, maxItems: 5_000_000 };

export interface PaginateOptions {
  signal: AbortSignal;
  /** Withdraws the next page's request while it waits for its slot (`OktaRequest.waitSignal`). */
  waitSignal?: AbortSignal | undefined;
  mode?: PaginationMode;
  /** Default: DEFAULT_LIST_LIMITS. */
  limits?: ListLimits;
}

/** Items and the next link of one page: an array body with a `Link` header, or the iam/assignees body shape. */
function readPage(response: OktaResponse): { items: unknown[]; next: string | undefined } | undefined {
  const linkNext = findLink(response.headers.link, 'next');
  if (Array.isArray(response.body)) return { items: response.body as unknown[], next: linkNext };
  // GET /api/v1/iam/assignees/users: `{ value: [...], _links: { next: { href } } }` (OKTA-API.md §3, §11).
  const body = response.body as { value?: unknown; _links?: { next?: { href?: unknown } } } | null;
  if (body === null || typeof body !== 'object' || !Array.isArray(body.value)) return undefined;
  const href = body._links?.next?.href;
  return { items: body.value as unknown[], next: linkNext ?? (typeof href === 'string' ? href : undefined) };
}

/**
 * Pages of a list, following `next` exactly as given (never a cursor we built: OKTA-API.md §3). Iterate it once
 * with `for await`; read `summary` afterwards. A list ends at its last page, at a repeated link or a repeated page
 * (an API-side endless loop, OKTA-API.md §13 pitfall 10), past its `limits`, or at a refusal, and the summary says
 * which (anything but the last page leaves it incomplete).
 * A `next` link off the base URL is refused without sending anything: the credentials go only to the org.
 * Transport failures end the iteration by throwing; the summary then carries the error as well.
 */
export class PageIterator<T = unknown> implements AsyncIterable<Page<T>> {
  readonly summary: PaginationSummary = { finished: false, complete: false, pages: 0, items: 0 };
  private started = false;
  private readonly seenUrls = new Set<string>();
  private readonly seenCursors = new Set<string>();
  /** What each page held (its items' ids): a page seen before under another cursor is a loop too. */
  private readonly seenPages = new Set<string>();

  constructor(
    private readonly source: PageSource,
    private readonly firstUrl: URL,
    private readonly options: PaginateOptions,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<Page<T>> {
    if (this.started) throw new Error('a PageIterator can be iterated only once');
    this.started = true;
    return this.run();
  }

  /** Every item, and the summary; Okta failures become `summary.error` instead of a throw. */
  async collect(): Promise<{ items: T[]; summary: PaginationSummary }> {
    const items: T[] = [];
    try {
      for await (const page of this) items.push(...page.items);
    } catch (error) {
      if (!isOktaClientError(error)) throw error;
    }
    return { items, summary: this.summary };
  }

  private end(complete: boolean, reason?: string, error?: OktaClientError): void {
    Object.assign(this.summary, { finished: true, complete }, reason === undefined ? {} : { reason }, error === undefined ? {} : { error });
  }

  private refuse(reason: string, url: URL): void {
    const error = new OktaClientError('OKTA_PAGINATION_REFUSED', `Stopped paging ${url.pathname}: ${reason}. The data set is incomplete.`, {
      request: `GET ${url.pathname}`,
    });
    this.end(false, reason, error);
  }

  private async *run(): AsyncGenerator<Page<T>> {
    const mode = this.options.mode ?? 'list';
    let url: URL | undefined = this.firstUrl;
    try {
      while (url !== undefined) {
        this.seenUrls.add(url.href);
        const cursor = url.searchParams.get('after');
        if (cursor !== null) this.seenCursors.add(cursor);
        const response = await this.source.send({ url, signal: this.options.signal, waitSignal: this.options.waitSignal });
        const page = readPage(response);
        if (page === undefined) {
          const error = new OktaClientError('OKTA_BAD_RESPONSE', `Okta's answer to GET ${url.pathname} is not a list page (expected a JSON array).`, {
            request: `GET ${url.pathname}`,
            status: response.status,
          });
          this.end(false, error.message, error);
          throw error;
        }
        this.summary.pages++;
        this.summary.items += page.items.length;
        const limits = this.options.limits ?? DEFAULT_LIST_LIMITS;
        if (this.summary.items > limits.maxItems) {
          this.refuse(`the list passed ${limits.maxItems.toLocaleString('en-US')} items, more than an Okta org holds in one list (raise the limit if this org really is that large)`, url);
          return;
        }
        if (this.repeatsEarlierPage(page.items)) {
          this.refuse('Okta sent a page it had already sent under another link (an endless pagination loop)', url);
          return;
        }
        yield { items: page.items as T[], url: response.url, status: response.status };
        url = this.nextUrl(page, new URL(response.url), mode);
        if (url !== undefined && this.summary.pages >= limits.maxPages) {
          this.refuse(`the list passed ${limits.maxPages.toLocaleString('en-US')} pages, more than an Okta org holds in one list (raise the limit if this org really is that large)`, url);
          url = undefined;
        }
      }
    } catch (error) {
      if (!this.summary.finished) this.end(false, error instanceof Error ? error.message : String(error), isOktaClientError(error) ? error : undefined);
      throw error;
    } finally {
      if (!this.summary.finished) this.end(false, `stopped by the caller after ${this.summary.pages} page${this.summary.pages === 1 ? '' : 's'}`);
    }
  }

  /** True when a non-empty page holds exactly the objects (by `id` or `uuid`) of an earlier one. */
  private repeatsEarlierPage(items: readonly unknown[]): boolean {
    if (items.length === 0) return false;
    const ids = items.map((item) => (typeof item === 'object' && item !== null ? ((item as { id?: unknown }).id ?? (item as { uuid?: unknown }).uuid) : undefined));
    if (ids.some((id) => typeof id !== 'string')) return false;
    const key = createHash('sha256').update(JSON.stringify(ids)).digest('base64');
    if (this.seenPages.has(key)) return true;
    this.seenPages.add(key);
    return false;
  }

  /** The URL to fetch next, or undefined after recording why paging ends here. */
  private nextUrl(page: { items: unknown[]; next: string | undefined }, current: URL, mode: PaginationMode): URL | undefined {
    if (page.next === undefined) {
      this.end(true);
      return undefined;
    }
    let next: URL;
    try {
      next = new URL(page.next, current);
    } catch {
      this.refuse(`the next link is not a valid URL`, current);
      return undefined;
    }
    if (!isUnderBase(next, this.source.baseUrl)) {
      this.refuse(`the next link points to ${next.origin}, not the configured Okta org ${this.source.baseUrl.origin}; it was not followed`, current);
      return undefined;
    }
    if (page.items.length === 0 && mode === 'logs-polling') {
      this.summary.resumeUrl = next.href;
      this.end(true, 'caught up: an empty page ends a System Log poll (complete up to now; resume from resumeUrl)');
      return undefined;
    }
    if (page.items.length === 0 && mode === 'logs-bounded') {
      this.end(true, 'an empty page with a next link ends a bounded System Log query');
      return undefined;
    }
    const cursor = next.searchParams.get('after');
    if (this.seenUrls.has(next.href) || (cursor !== null && this.seenCursors.has(cursor))) {
      this.refuse('Okta repeated a next link it had already sent (an endless pagination loop)', current);
      return undefined;
    }
    return next;
  }
}

/** Pages of `firstUrl`; see `PageIterator`. */
export function paginate<T = unknown>(source: PageSource, firstUrl: string | URL, options: PaginateOptions): PageIterator<T> {
  return new PageIterator<T>(source, new URL(firstUrl), options);
}

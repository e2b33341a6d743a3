/**
 * How the client authenticates a request. One strategy per file (ssws.ts, oauth.ts); the transport calls
 * `authorize` before every attempt (so DPoP proofs are fresh per attempt) and `handleChallenge` when a response
 * may ask for a different proof (e.g. a DPoP `use_dpop_nonce` challenge on a resource call).
 */
export interface AuthStrategy {
  /** `ssws` or `oauth`: recorded in sync history and shown in errors. Never the secret. */
  readonly kind: 'ssws' | 'oauth';
  /** The OAuth service app's client id (not a secret): the principal the evidence names. Absent for `ssws`. */
  readonly clientId?: string;
  /** Headers to add for this request: `Authorization` and, with DPoP, `DPoP`. `url` is the full URL incl. query. */
  authorize(request: { method: string; url: string; signal?: AbortSignal }): Promise<Record<string, string>>;
  /**
   * Called with a 400/401 response's status and headers. Returns true when the strategy updated its state (new nonce,
   * dropped a rejected access token) and the same request should be sent once more.
   */
  handleChallenge(response: {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: unknown;
    /** The headers `authorize` returned for the attempt that got this response, so a strategy can tell a stale credential from its current one. */
    sentHeaders?: Record<string, string>;
  }): boolean;
  /** Every secret string this strategy holds, so errors and logs can redact them. */
  secrets(): string[];
}

import type { OktaClient } from '../okta/client.js';

/** Pages a read was admitted for: each answered page is taken off, and what the read did not use is given back. */
export interface WindowTicket {
  /** One page of the read was answered. */
  answered(): void;
  /** The read is over: the pages it was admitted for and did not use are given back. */
  end(): void;
}

/**
 * Admits optional reads (re-verification) only when the current rate-limit window of their bucket still takes every
 * request they need, counting the requests of reads admitted before and not yet answered. A read refused here is left
 * for a later sync; a read admitted never waits for the next window, so it ends within moments even when the share
 * of the budget it was begun in ends first. Without rate-limit headers (limits off, a fake client) everything is
 * admitted. The check and the booking are synchronous, so concurrent callers cannot both take the last requests.
 */
export function windowGate(client: Pick<OktaClient, 'allowance'>): { admit(path: string, requests: number): WindowTicket | undefined } {
  let owed = 0;
  return {
    admit(path, requests) {
      const allowance = client.allowance?.(path);
      // In-flight requests are either admitted reads' (already in `owed`) or others': the larger is the safe count.
      if (allowance !== undefined && allowance.requests - Math.max(owed, allowance.inFlight) < requests) return undefined;
      owed += requests;
      let left = requests;
      return {
        answered: () => {
          if (left === 0) return;
          left--;
          owed--;
        },
        end: () => {
          owed -= left;
          left = 0;
        },
      };
    },
  };
}

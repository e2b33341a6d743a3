/** The slice of autocannon (no bundled types) the api-load bench uses. */
declare module 'autocannon' {
  interface Options {
    url: string;
    connections: number;
    duration?: number;
    /** Total requests to send (instead of a duration). */
    amount?: number;
    headers?: Record<string, string>;
  }
  interface Result {
    requests: { total: number };
    non2xx: number;
    /** Connection errors, timeouts included. */
    errors: number;
    timeouts: number;
  }
  interface Instance extends PromiseLike<Result> {
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
  }
  export default function autocannon(options: Options): Instance;
}

import { setTimeout as delay } from 'node:timers/promises';

/** Lengths of time in milliseconds, defined once. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Milliseconds since the epoch. Injected so tests can move time. */
export type Clock = () => number;

/** Waits `ms`; must reject promptly when `signal` aborts. Injected so tests can shrink time. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A number in [0, 1), for jitter. */
export type Random = () => number;

type LogMethod = (fields: Record<string, unknown>, message?: string) => void;

/** The slice of a pino logger the client uses. Fields never carry secrets or query strings. */
export interface Logger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
}

export const realClock: Clock = () => Date.now();

export const realSleep: Sleep = async (ms, signal) => {
  await delay(Math.max(0, ms), undefined, signal === undefined ? undefined : { signal });
};

const ignore: LogMethod = () => undefined;
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore };

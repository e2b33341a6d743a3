import type { Random } from './prng.js';

export interface LatencySettings {
  latencyMs: number;
  /** Share of latencyMs: 0.25 → a delay uniformly in latencyMs ± 25 %. */
  latencyJitter: number;
}

/** The delay to add before one request's route runs, in whole milliseconds. Draws nothing when latency is off. */
export function latencyFor(settings: LatencySettings, random: Random): number {
  if (settings.latencyMs <= 0) return 0;
  const spread = settings.latencyJitter * (2 * random() - 1);
  return Math.max(0, Math.round(settings.latencyMs * (1 + spread)));
}

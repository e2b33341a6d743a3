/** A uniform draw in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: a tiny seeded PRNG, so latency jitter and fault draws repeat run to run.
 * `stream` separates independent sequences drawn from one simulator seed.
 */
export function seededRandom(seed: number, stream: number): Random {
  let state = (seed ^ Math.imul(stream, 0x9e3779b9)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

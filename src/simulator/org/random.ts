/**
 * Seeded randomness for the org generator. Everything the generator draws comes from here, so the same seed gives
 * the same org. Nothing here touches `Math.random` or the clock.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';
const BASE62_CODES = Array.from(BASE62, (c) => c.charCodeAt(0));
const HEX_CODES = Array.from(HEX, (c) => c.charCodeAt(0));

/**
 * murmur3's finaliser. It is a bijection on uint32, which the log store relies on: distinct event indexes give
 * distinct uuid prefixes.
 */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes `value` under `salt`; injective in `value` for a fixed salt. */
export function hash32(value: number, salt: number): number {
  return mix32((value ^ mix32(salt + 0x9e3779b9)) >>> 0);
}

/** FNV-1a over a label, so generator stages can name their streams instead of numbering them. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A weighted table: `[value, weight]` pairs; weights need not sum to anything in particular. */
export type Weighted<T> = readonly (readonly [T, number])[];

/**
 * sfc32: small, fast and good enough for synthetic data (passes PractRand far beyond what an org needs).
 * https://pracrand.sourceforge.net/RNG_engines.txt
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = mix32(seed);
    this.b = mix32(seed + 0x6a09e667);
    this.c = mix32(seed + 0xbb67ae85);
    this.d = 1;
    // The first outputs of sfc32 are correlated with the seed; discard them.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.below(items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  weighted<T>(table: Weighted<T>): T {
    let total = 0;
    for (const [, weight] of table) total += weight;
    let r = this.next() * total;
    for (const [value, weight] of table) {
      r -= weight;
      if (r < 0) return value;
    }
    const last = table[table.length - 1];
    if (last === undefined) throw new RangeError('weighted pick from an empty table');
    return last[0];
  }

  /** `count` distinct items, in draw order (partial Fisher–Yates on a copy). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const n = Math.min(count, pool.length);
    for (let i = 0; i < n; i++) {
      const j = i + this.below(pool.length - i);
      const tmp = pool[i] as T;
      pool[i] = pool[j] as T;
      pool[j] = tmp;
    }
    return pool.slice(0, n);
  }

  base62(length: number): string {
    return this.chars(BASE62_CODES, length);
  }

  hex(length: number): string {
    return this.chars(HEX_CODES, length);
  }

  /** Builds the string in one go: appending char by char would allocate a string per character. */
  private chars(alphabet: readonly number[], length: number): string {
    const codes = new Array<number>(length);
    for (let i = 0; i < length; i++) codes[i] = alphabet[this.below(alphabet.length)] ?? 48;
    return String.fromCharCode(...codes);
  }

  /** An Okta-style id: a 3-character type prefix (`00u`, `0oa`, …) and 17 base62 characters, 20 in all. */
  id(prefix: string): string {
    return prefix + this.base62(17);
  }
}

/** An independent stream per generator stage, so adding a draw in one stage does not reshuffle the others. */
export function createRng(seed: number, stream: string): Rng {
  return new Rng(hash32(hashString(stream), seed));
}

/** A v4-shaped uuid from four 32-bit words. */
export function uuidFromWords(w0: number, w1: number, w2: number, w3: number): string {
  const h = (w: number): string => (w >>> 0).toString(16).padStart(8, '0');
  const b = h(w1);
  const c = h(w2);
  const variant = HEX.charAt(8 + (parseInt(c.charAt(0), 16) & 3));
  return `${h(w0)}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${h(w3)}`;
}

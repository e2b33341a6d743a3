import { getRandomValues } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_DIGITS = 10;
const RANDOM_DIGITS = 16;

/** Makes ids for one store. */
export type IdGenerator = (now: Date) => string;

/**
 * ULID-shaped ids: 10 base-32 digits of millisecond time, then 16 random digits (80 bits). Within one generator they
 * strictly increase even inside one millisecond (the random part is incremented, as ULID's monotonic mode does), so
 * "newest first" is simply "largest id first".
 */
export function createIdGenerator(): IdGenerator {
  let lastTime = -1;
  let lastRandom: number[] = [];
  return (now) => {
    const time = Math.max(now.getTime(), lastTime);
    if (time === lastTime) {
      lastRandom = increment(lastRandom);
    } else {
      lastTime = time;
      lastRandom = [...getRandomValues(new Uint8Array(RANDOM_DIGITS))].map((byte) => byte % 32);
    }
    return encodeTime(time) + lastRandom.map((digit) => CROCKFORD.charAt(digit)).join('');
  };
}

function encodeTime(ms: number): string {
  let rest = ms;
  let text = '';
  for (let i = 0; i < TIME_DIGITS; i += 1) {
    text = CROCKFORD.charAt(rest % 32) + text;
    rest = Math.floor(rest / 32);
  }
  return text;
}

/** Adds one to a base-32 number; 80 random bits will not overflow in practice, so a wrap is harmless. */
function increment(digits: readonly number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i -= 1) {
    const digit = (next[i] ?? 0) + 1;
    next[i] = digit % 32;
    if (digit < 32) break;
  }
  return next;
}

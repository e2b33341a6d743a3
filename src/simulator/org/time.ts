/** Durations in milliseconds. The generator works in "ms before now" and turns those into ISO strings at the end. */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/**
 * Formats ISO-8601 UTC timestamps like `Date#toISOString`, several times faster and with less garbage: a large org
 * formats about a million of them. Day prefixes and second-of-day suffixes are cached per instance, so a timestamp
 * is one concatenation of two shared strings.
 */
export class IsoFormatter {
  private readonly days = new Map<number, string>();
  private readonly clock = new Array<string | undefined>(86_400);
  private readonly wholeClock = new Array<string | undefined>(86_400);

  /** `YYYY-MM-DDTHH:mm:ss.000Z` for a whole-second time. */
  seconds(ms: number): string {
    const day = Math.floor(ms / DAY);
    const second = Math.floor((ms - day * DAY) / SECOND);
    let suffix = this.wholeClock[second];
    if (suffix === undefined) {
      suffix = this.second(second) + '.000Z';
      this.wholeClock[second] = suffix;
    }
    return this.day(day) + suffix;
  }

  /** `YYYY-MM-DDTHH:mm:ss.SSSZ`. */
  millis(ms: number): string {
    const day = Math.floor(ms / DAY);
    const inDay = ms - day * DAY;
    const second = Math.floor(inDay / SECOND);
    const milli = inDay - second * SECOND;
    return this.day(day) + this.second(second) + '.' + String(milli).padStart(3, '0') + 'Z';
  }

  private day(day: number): string {
    let prefix = this.days.get(day);
    if (prefix === undefined) {
      prefix = new Date(day * DAY).toISOString().slice(0, 11);
      this.days.set(day, prefix);
    }
    return prefix;
  }

  private second(second: number): string {
    let text = this.clock[second];
    if (text === undefined) {
      const h = Math.floor(second / 3600);
      const m = Math.floor(second / 60) % 60;
      text = `${TWO_DIGITS[h] ?? '00'}:${TWO_DIGITS[m] ?? '00'}:${TWO_DIGITS[second % 60] ?? '00'}`;
      this.clock[second] = text;
    }
    return text;
  }
}

/**
 * Turns "ms before now" into Okta timestamps. Entity timestamps are whole seconds, as Okta's are
 * (`2024-03-04T15:56:05.000Z`); `now` is floored once so every derived timestamp lines up.
 */
export class Timeline {
  readonly now: number;
  private readonly format = new IsoFormatter();

  constructor(now: number) {
    this.now = Math.floor(now / SECOND) * SECOND;
  }

  /** ISO timestamp `ago` ms before now, floored to the second. */
  iso(ago: number): string {
    return this.format.seconds(this.now - Math.ceil(ago / SECOND) * SECOND);
  }
}

const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00Z: from there on `toISOString` writes a six-digit, signed year. */
const FOUR_DIGIT_YEARS_END_MS = 253_402_300_800_000;
/** Distinct days whose `YYYY-MM-DDT` is kept; a list page's dates fall on far fewer. */
const DAYS_KEPT = 4096;

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
const dayPrefixes = new Map<number, string>();

/**
 * `date.toISOString()`, the same text, about five times faster: the date part is computed once per day and kept, the
 * time of day is arithmetic. V8's own formatting was most of the API's JSON serialisation time (a users page holds
 * 300 dates: 140 µs of the 220 µs its JSON.stringify took). Dates before 1970 or from the year 10000 on, and invalid
 * dates (which throw the same RangeError), are left to `toISOString`.
 */
export function isoTimestamp(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= 0 && ms < FOUR_DIGIT_YEARS_END_MS)) return date.toISOString();
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = date.toISOString().slice(0, 11);
    if (dayPrefixes.size >= DAYS_KEPT) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const milliseconds = rest % 1000;
  rest = (rest - milliseconds) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  return `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[milliseconds]}Z`;
}

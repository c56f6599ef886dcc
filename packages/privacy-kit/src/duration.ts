/**
 * ISO-8601 durations as used by `retention` and `legalHoldFor`: `P12M`, `P6Y`, `P30D`,
 * `P2W`, `PT36H`, `P1Y6M`. Integer components only, except seconds; at least one component.
 */
export interface Duration {
  /** The text as declared, e.g. `P12M`. */
  text: string;
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const PATTERN =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** The duration in `text`, or null when it is not a valid ISO-8601 duration. */
export function parseDuration(text: string): Duration | null {
  const match = PATTERN.exec(text);
  if (match === null) return null;
  const [, y, mo, w, d, h, mi, s] = match;
  if ([y, mo, w, d, h, mi, s].every((part) => part === undefined)) return null;
  // `P1YT` is not valid: a T must be followed by a time component.
  if (text.includes('T') && [h, mi, s].every((part) => part === undefined)) return null;
  const int = (part: string | undefined): number => (part === undefined ? 0 : Number.parseInt(part, 10));
  return {
    text,
    years: int(y),
    months: int(mo),
    weeks: int(w),
    days: int(d),
    hours: int(h),
    minutes: int(mi),
    seconds: s === undefined ? 0 : Number.parseFloat(s.replace(',', '.')),
  };
}

/** `start` plus `duration`, in UTC calendar arithmetic (P1M after 31 January is 3 March). */
export function addDuration(start: Date, duration: Duration): Date {
  const end = new Date(start.getTime());
  end.setUTCFullYear(end.getUTCFullYear() + duration.years, end.getUTCMonth() + duration.months);
  end.setUTCDate(end.getUTCDate() + duration.weeks * 7 + duration.days);
  const timeMs = ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  return new Date(end.getTime() + timeMs);
}

/** The duration in days, taking a year as 365 days and a month as 30 (for sorting and reports). */
export function approximateDays(duration: Duration): number {
  const time = (duration.hours * 3600 + duration.minutes * 60 + duration.seconds) / 86_400;
  return duration.years * 365 + duration.months * 30 + duration.weeks * 7 + duration.days + time;
}

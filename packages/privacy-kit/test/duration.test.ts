import { describe, expect, it } from 'vitest';
import { addDuration, approximateDays, parseDuration } from '../src/duration.ts';

describe('parseDuration', () => {
  it('reads the durations retention uses', () => {
    expect(parseDuration('P12M')).toMatchObject({ text: 'P12M', months: 12, years: 0 });
    expect(parseDuration('P6Y')).toMatchObject({ years: 6 });
    expect(parseDuration('P1Y6M2W3DT4H5M6.5S')).toEqual({
      text: 'P1Y6M2W3DT4H5M6.5S', years: 1, months: 6, weeks: 2, days: 3, hours: 4, minutes: 5, seconds: 6.5,
    });
    expect(parseDuration('PT36H')).toMatchObject({ hours: 36 });
  });
  it.each(['', 'P', 'PT', 'P1YT', '12M', 'P-1M', 'P1.5Y', 'p12m', 'P12 M', 'one year', 'P1M1Y'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('addDuration', () => {
  it('adds in UTC calendar terms', () => {
    const start = new Date('2026-01-31T10:00:00.000Z');
    expect(addDuration(start, parseDuration('P1M')!).toISOString()).toBe('2026-03-03T10:00:00.000Z');
    expect(addDuration(start, parseDuration('P1Y2W')!).toISOString()).toBe('2027-02-14T10:00:00.000Z');
    expect(addDuration(start, parseDuration('PT1H30M')!).toISOString()).toBe('2026-01-31T11:30:00.000Z');
  });
  it('approximates days for reports', () => {
    expect(approximateDays(parseDuration('P12M')!)).toBe(360);
    expect(approximateDays(parseDuration('P1Y1D')!)).toBe(366);
  });
});

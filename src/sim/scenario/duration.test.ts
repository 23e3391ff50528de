import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration, formatDurationLong, isDurationError, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['20m', 1_200_000],
    ['5d', 432_000_000],
    ['300s', 300_000],
    ['1h30m', 5_400_000],
    ['1h 30m', 5_400_000],
    ['250ms', 250],
    ['0s', 0],
    ['0', 0],
    ['1.5h', 5_400_000],
    ['2w', 1_209_600_000],
    ['5 minutes', 300_000],
    ['1 day 2 hours', 93_600_000],
    [' 10s ', 10_000],
    [1500, 1500],
    [0, 0],
    [2.4, 2],
  ] as const)('%j → %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each([
    ['', 'not a duration'],
    ['20', 'has no unit'],
    ['20x', 'not a duration'],
    ['m', 'not a duration'],
    ['-5m', 'not a duration'],
    ['5m5m', 'twice'],
    ['1h30', 'not a duration'],
    [-1, 'must be 0 or more'],
    [Number.NaN, 'must be 0 or more'],
    [Number.POSITIVE_INFINITY, 'must be 0 or more'],
  ] as const)('%j is an error value saying %s', (input, text) => {
    const r = parseDuration(input);
    expect(isDurationError(r)).toBe(true);
    if (isDurationError(r)) {
      expect(r.error.en).toContain(text);
      expect(r.error.de.length).toBeGreaterThan(10);
    }
  });
});

describe('formatDuration', () => {
  it.each([
    [5_400_000, '1h 30m'],
    [432_000_000, '5d'],
    [0, '0s'],
    [250, '250ms'],
    [90_500, '1m 30s 500ms'],
    [93_600_000, '1d 2h'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('reads back what it prints', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }), (ms) => parseDuration(formatDuration(ms)) === ms));
  });
});

describe('formatDurationLong', () => {
  it.each([
    [5_400_000, 'en', '1 hour and 30 minutes'],
    [5_400_000, 'de', '1 Stunde und 30 Minuten'],
    [432_000_000, 'en', '5 days'],
    [432_000_000, 'de', '5 Tage'],
    [86_400_000, 'de', '1 Tag'],
    [93_601_000, 'en', '1 day, 2 hours and 1 second'],
    [93_601_000, 'de', '1 Tag, 2 Stunden und 1 Sekunde'],
    [0, 'en', '0 seconds'],
    [0, 'de', '0 Sekunden'],
    [1, 'en', '1 millisecond'],
  ] as const)('%d ms in %s → %s', (ms, lang, text) => {
    expect(formatDurationLong(ms, lang)).toBe(text);
  });
});

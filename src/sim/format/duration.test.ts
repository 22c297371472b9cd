import { describe, expect, it } from 'vitest';
import { age, humanDuration, rfc3339 } from './duration';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration', () => {
  it.each([
    [0, '0s'],
    [5 * s, '5s'],
    [90 * s, '90s'],
    [119 * s, '119s'],
    [120 * s, '2m'],
    [150 * s, '2m30s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [47 * h, '47h'],
    [48 * h, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [729 * d, '729d'],
    [730 * d, '2y'],
    [735 * d, '2y5d'],
    [8 * 365 * d, '8y'],
  ])('prints %i ms as %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });

  it('truncates fractions of a second rather than rounding', () => {
    expect(humanDuration(5999)).toBe('5s');
  });

  it('prints 0s for a timestamp less than two seconds in the future', () => {
    expect(humanDuration(-1500)).toBe('0s');
  });

  it('prints <invalid> for a timestamp further in the future', () => {
    expect(humanDuration(-5 * s)).toBe('<invalid>');
  });
});

describe('age', () => {
  it('measures from the creation timestamp to now', () => {
    expect(age('2026-10-02T15:57:58Z', Date.UTC(2026, 9, 2, 16, 0, 0))).toBe('2m2s');
  });

  it('prints <unknown> when the timestamp is missing', () => {
    expect(age(undefined, 0)).toBe('<unknown>');
  });
});

describe('rfc3339', () => {
  it('drops the milliseconds the API never shows', () => {
    expect(rfc3339(Date.UTC(2024, 4, 1, 10, 0, 0, 123))).toBe('2024-05-01T10:00:00Z');
  });
});

import { describe, expect, it } from 'vitest';
import { sameJson } from './jsonequal';

describe('sameJson', () => {
  it('treats objects with the same fields in another key order as equal', () => {
    expect(sameJson({ a: 1, b: { c: [1, 'x'], d: null } }, { b: { d: null, c: [1, 'x'] }, a: 1 })).toBe(true);
  });

  it('ignores keys whose value is undefined, on either side', () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, c: undefined })).toBe(true);
  });

  it('finds a changed leaf deep inside', () => {
    expect(
      sameJson(
        { spec: { renewTime: '2026-10-02T16:00:00.000000Z' } },
        { spec: { renewTime: '2026-10-02T16:00:10.000000Z' } },
      ),
    ).toBe(false);
  });

  it('finds a key present on one side only', () => {
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1 })).toBe(false);
  });

  it('keeps list order significant', () => {
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
  });

  it('tells an empty list from an empty map, a string from a number and null from a map', () => {
    expect(sameJson([], {})).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });
});

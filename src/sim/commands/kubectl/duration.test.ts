/** Go's time.ParseDuration: values and error texts as src/time/format.go (Go 1.22) returns them. */
import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration';

describe('parseDuration (Go time.ParseDuration)', () => {
  it.each([
    ['0', 0],
    ['+0', 0],
    ['10m', 600e9],
    ['1h30m', 5400e9],
    ['1.5h', 5400e9],
    ['.5s', 0.5e9],
    ['1.s', 1e9],
    ['-1s', -1e9],
    ['300ms', 300e6],
    ['2us', 2000],
    ['2µs', 2000],
    ['1h1ms', 3600e9 + 1e6],
    ['1m0.5s', 60.5e9],
  ])('reads %s', (text, ns) => {
    expect(parseDuration(text)).toEqual({ ns });
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['-', 'time: invalid duration "-"'],
    ['abc', 'time: invalid duration "abc"'],
    ['.s', 'time: invalid duration ".s"'],
    ['5', 'time: missing unit in duration "5"'],
    ['1h5', 'time: missing unit in duration "1h5"'],
    ['3d', 'time: unknown unit "d" in duration "3d"'],
    ['1sec', 'time: unknown unit "sec" in duration "1sec"'],
  ])('refuses %j', (text, error) => {
    expect(parseDuration(text)).toEqual({ error });
  });
});

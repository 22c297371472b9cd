import { describe, expect, it } from 'vitest';
import { max5, progressMeter } from './meter';

describe("curl's progress meter", () => {
  it("prints the two header lines and the finished line for nginx's 615-byte page", () => {
    expect(progressMeter(615, 615, 1)).toBe(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '\r100   615  100   615    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n',
    );
  });

  it('prints zeros when nothing arrived', () => {
    expect(progressMeter(0, undefined, 0).split('\n')[2]).toBe(
      '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0',
    );
  });

  it('shortens sizes to five characters as max5data does', () => {
    expect([max5(99999), max5(100000), max5(5 * 1048576)]).toEqual(['99999', '  97k', '5120k']);
  });
});

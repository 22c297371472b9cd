import { describe, expect, it } from 'vitest';
import { formatDue, lateness, parseDue } from './due';

describe('parseDue', () => {
  it('reads a date, time and IANA zone as that local time', () => {
    const due = parseDue('2026-12-06 23:59 Asia/Seoul');
    expect(due).toMatchObject({ date: '2026-12-06', time: '23:59', zone: 'Asia/Seoul', offset: '+09:00' });
    expect(typeof due !== 'string' && due.at).toBe(Date.UTC(2026, 11, 6, 14, 59));
  });

  it('follows daylight saving time for the date given', () => {
    expect(parseDue('2026-07-01 12:00 Europe/Berlin')).toMatchObject({ offset: '+02:00' });
    expect(parseDue('2026-12-01 12:00 Europe/Berlin')).toMatchObject({ offset: '+01:00' });
    expect(parseDue('2026-12-01 12:00 +05:30')).toMatchObject({ offset: '+05:30', at: Date.UTC(2026, 11, 1, 6, 30) });
  });

  it('reads a bare date as the end of that day anywhere on Earth', () => {
    const due = parseDue('2026-12-06');
    expect(due).toMatchObject({ time: '23:59', zone: 'AoE', offset: '-12:00', at: Date.UTC(2026, 11, 7, 11, 59) });
    expect(typeof due !== 'string' && formatDue(due)).toBe('2026-12-06 23:59 anywhere on Earth (UTC-12:00)');
  });

  it('says what is wrong with a date, a time or a zone', () => {
    expect(parseDue('06/12/2026')).toBe(
      'due must be written "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM ZONE"',
    );
    expect(parseDue('2026-02-30')).toBe('due: 2026-02-30 23:59 is not a date and time');
    expect(parseDue('2026-12-06 18:00 Mars/Olympus')).toMatch(/^due: unknown time zone "Mars\/Olympus"/);
  });
});

describe('lateness', () => {
  const due = parseDue('2026-12-06 23:59 Asia/Seoul');
  if (typeof due === 'string') throw new Error(due);

  it('compares the learner clock, whatever offset it was written in', () => {
    expect(lateness(due, '2026-12-06T23:59:00+09:00')).toEqual({ late: false });
    expect(lateness(due, '2026-12-06T15:00:00+00:00')).toEqual({ late: true, by: '1 min' });
    expect(lateness(due, '2026-12-07T01:10:00+09:00')).toEqual({ late: true, by: '1 h 11 min' });
    expect(lateness(due, '2026-12-10T03:00:00+09:00')).toEqual({ late: true, by: '3 days 3 h' });
  });

  it('is never late without a due time or a submission time', () => {
    expect(lateness(undefined, '2030-01-01T00:00:00Z')).toEqual({ late: false });
    expect(lateness(due, undefined)).toEqual({ late: false });
  });
});

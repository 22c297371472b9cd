import { describe, expect, it } from 'vitest';
import { countConn, countPacket, newStats, ratesAt } from './ipvsstats';

describe('IPVS rate estimator', () => {
  it('folds one 2-second tick with weight 1/4: 10 connections in 2 s read as 1 CPS', () => {
    const s = newStats(0);
    for (let i = 0; i < 10; i++) countConn(s, 100);
    // rate = 10 << 9 = 5120; avg = 5120 >> 2 = 1280; (1280 + 511) >> 10 = 1
    expect(ratesAt(s, 2000).cps).toBe(1);
  });

  it('converges to the steady rate: 10 connections every 2 s show 5 CPS', () => {
    const s = newStats(0);
    for (let t = 0; t < 40; t++) for (let i = 0; i < 10; i++) countConn(s, t * 2000 + 100);
    expect(ratesAt(s, 80_000).cps).toBe(5);
  });

  it('scales bytes by 16 and reads them back with (x + 15) >> 5', () => {
    const s = newStats(0);
    countPacket(s, 100, 'in', 1000);
    // rate = 1000 << 4 = 16000; avg = 4000; (4000 + 15) >> 5 = 125
    expect(ratesAt(s, 2000)).toEqual({ cps: 0, inpps: 0, outpps: 0, inbps: 125, outbps: 0 });
  });

  it('decays to zero when traffic stops', () => {
    const s = newStats(0);
    for (let i = 0; i < 100; i++) countPacket(s, 100, 'out', 60);
    // 100 << 9 = 51200; avg = 12800; (12800 + 511) >> 10 = 12
    expect(ratesAt(s, 2000).outpps).toBe(12);
    expect(ratesAt(s, 3_600_000)).toEqual({ cps: 0, inpps: 0, outpps: 0, inbps: 0, outbps: 0 });
  });
});

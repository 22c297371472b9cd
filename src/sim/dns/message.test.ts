import { describe, expect, it } from 'vitest';
import { wireSize } from './message';

describe('wire size', () => {
  it('is 115 bytes for one uncompressed A answer with an echoed cookie (reference 1.5 MSG SIZE)', () => {
    const q = { name: 'web.default.svc.cluster.local.', type: 'A' as const };
    expect(
      wireSize(
        {
          question: q,
          rcode: 'NOERROR',
          aa: true,
          ra: false,
          answer: [{ name: q.name, ttl: 30, rdata: { type: 'A', address: '10.96.120.15' } }],
          authority: [],
          additional: [],
        },
        12,
      ),
    ).toBe(115);
  });
});

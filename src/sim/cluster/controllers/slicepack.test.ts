import { describe, expect, it } from 'vitest';
import { planSlices } from './slicepack';

// The scenarios and expected plans come from k8s.io/endpointslice reconciler_test.go
// (TestReconcileEndpointSlicesSomePreexisting, ...WorseAllocation, ...UpdatePacking, ...ReplacedDeletes)
// and the comments of reconcileByPortMapping.
const ips = (from: number, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `10.0.${(from + i) >> 8}.${(from + i) & 255}`);
const key = (e: string): string => e;
const sizes = (slices: string[][]): number[] => slices.map((s) => s.length);

describe('EndpointSlice packing', () => {
  it('splits 250 new endpoints into slices of 100, 100 and 50', () => {
    const plan = planSlices([], ips(0, 250), key);
    expect(sizes(plan.create)).toEqual([100, 100, 50]);
    expect(plan.update).toEqual([]);
    expect(plan.delete).toEqual([]);
  });

  it('obeys a smaller --max-endpoints-per-slice', () => {
    expect(sizes(planSlices([], ips(0, 7), key, 3).create)).toEqual([3, 3, 1]);
  });

  it('puts leftovers into the unchanged slice they fill most closely (62 + 61 existing, 250 wanted)', () => {
    const all = ips(0, 250);
    const plan = planSlices(
      [
        { name: 'a', endpoints: all.slice(0, 62) },
        { name: 'b', endpoints: all.slice(62, 123) },
      ],
      all,
      key,
    );
    expect(sizes(plan.create)).toEqual([100]);
    expect(plan.update.map((u) => [u.name, u.endpoints.length])).toEqual([['a', 89]]);
  });

  it('creates a new slice when the leftovers fit in no existing one (74 + 74 existing, 300 wanted)', () => {
    const all = ips(0, 300);
    const plan = planSlices(
      [
        { name: 'a', endpoints: all.slice(0, 74) },
        { name: 'b', endpoints: all.slice(74, 148) },
      ],
      all,
      key,
    );
    expect(sizes(plan.create)).toEqual([100, 52]);
    expect(plan.update).toEqual([]);
  });

  it('tops up a slice that changes anyway before anything else', () => {
    const old = ips(0, 3);
    const plan = planSlices([{ name: 'a', endpoints: old }], [old[0]!, old[2]!, ...ips(10, 2)], key);
    expect(plan.create).toEqual([]);
    expect(plan.update).toEqual([{ name: 'a', endpoints: [old[0], old[2], ...ips(10, 2)] }]);
  });

  it('updates a slice whose endpoint changed, and leaves an untouched slice alone', () => {
    type Ep = { ip: string; ready: boolean };
    const plan = planSlices<Ep>(
      [
        { name: 'a', endpoints: [{ ip: '10.0.0.1', ready: false }] },
        { name: 'b', endpoints: [{ ip: '10.0.0.2', ready: true }] },
      ],
      [
        { ip: '10.0.0.1', ready: true },
        { ip: '10.0.0.2', ready: true },
      ],
      (e) => e.ip,
    );
    expect(plan).toEqual({
      create: [],
      update: [{ name: 'a', endpoints: [{ ip: '10.0.0.1', ready: true }] }],
      delete: [],
    });
  });

  it('reuses a slice that would be deleted instead of creating one', () => {
    const plan = planSlices(
      [
        { name: 'a', endpoints: ips(0, 100) },
        { name: 'b', endpoints: ips(100, 1) },
      ],
      [...ips(0, 100), ...ips(200, 100)],
      key,
    );
    expect(plan.create).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.update.map((u) => [u.name, u.endpoints.length])).toEqual([['b', 100]]);
  });

  it('deletes a slice whose endpoints are all gone', () => {
    expect(planSlices([{ name: 'a', endpoints: ips(0, 2) }], [], key)).toEqual({
      create: [],
      update: [],
      delete: ['a'],
    });
  });
});

/**
 * The API server's allocators for Service cluster IPs and node ports. Like the real bitmap
 * allocators they draw at random (seeded here) from the upper part of the range first and keep a
 * small lower band for addresses asked for explicitly (KEP-3070 "reserved range"), so the
 * `kubernetes` Service's `.1` and kube-dns' `.10` never collide with a dynamic pick.
 */
import type { Rng } from '../core/rng';
import { cidrSize, formatIp, parseCidrOrThrow, parseIp, parseIpOrThrow } from '../core/ipv4';

/** Size of the static band at the bottom of a range of `size` values: min(max(16, size/16), 256). */
export function staticBandSize(size: number): number {
  return Math.min(Math.max(16, Math.floor(size / 16)), 256);
}

export interface RangeAllocatorSnapshot {
  used: number[];
}

/** Allocates integers in [min, max] (offsets or ports), seeded-random from above the static band first. */
export class RangeAllocator {
  private used = new Set<number>();

  constructor(
    private readonly min: number,
    private readonly max: number,
  ) {}

  /** Reserve a value someone asked for; false when taken or out of range. */
  allocate(v: number): boolean {
    if (v < this.min || v > this.max || this.used.has(v)) return false;
    this.used.add(v);
    return true;
  }

  /** A free value: random in the dynamic band, then the static band; undefined when the range is full. */
  allocateNext(rng: Rng): number | undefined {
    const band = staticBandSize(this.max - this.min + 1);
    const dynLo = Math.min(this.min + band, this.max);
    return this.pick(rng, dynLo, this.max) ?? this.pick(rng, this.min, dynLo - 1);
  }

  private pick(rng: Rng, lo: number, hi: number): number | undefined {
    if (hi < lo) return undefined;
    const span = hi - lo + 1;
    const start = rng.int(span);
    for (let i = 0; i < span; i++) {
      const v = lo + ((start + i) % span);
      if (!this.used.has(v)) {
        this.used.add(v);
        return v;
      }
    }
    return undefined;
  }

  release(v: number): void {
    this.used.delete(v);
  }

  has(v: number): boolean {
    return this.used.has(v);
  }

  snapshot(): RangeAllocatorSnapshot {
    return { used: [...this.used].sort((a, b) => a - b) };
  }

  restore(s: RangeAllocatorSnapshot): void {
    this.used = new Set(s.used);
  }
}

/** Cluster IPs within the service CIDR (network and broadcast addresses excluded). */
export class ServiceIpAllocator {
  private readonly range: RangeAllocator;
  private readonly base: number;

  constructor(readonly cidr: string) {
    const c = parseCidrOrThrow(cidr);
    this.base = c.addr;
    this.range = new RangeAllocator(1, cidrSize(c) - 2);
  }

  /** Reserve a specific address (`spec.clusterIP` given in a manifest); false if taken or outside the CIDR. */
  allocate(ip: string): boolean {
    const n = parseIp(ip);
    return n !== undefined && this.range.allocate(n - this.base);
  }

  allocateNext(rng: Rng): string | undefined {
    const off = this.range.allocateNext(rng);
    return off === undefined ? undefined : formatIp(this.base + off);
  }

  release(ip: string): void {
    this.range.release(parseIpOrThrow(ip) - this.base);
  }

  snapshot(): RangeAllocatorSnapshot {
    return this.range.snapshot();
  }

  restore(s: RangeAllocatorSnapshot): void {
    this.range.restore(s);
  }
}

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

/** Node ports in the default --service-node-port-range 30000-32767. */
export class NodePortAllocator extends RangeAllocator {
  constructor() {
    super(NODE_PORT_MIN, NODE_PORT_MAX);
  }
}

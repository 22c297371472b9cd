/**
 * Pod IP address management. Until the CNI plugins arrive, every node runs host-local IPAM over its
 * `spec.podCIDR`, as kindnet's ptp plugin does: the gateway takes `.1`, the first pod `.2`, and an
 * address still held by a pod is never handed out again. CNI plugins replace this behind `PodIpam`.
 */
import { cidrSize, formatIp, parseCidrOrThrow, parseIpOrThrow } from '../core/ipv4';

export interface PodIpam {
  /** An address for a new pod sandbox on `node`, or undefined when the node's range is exhausted. */
  allocate(node: string, podCidr: string, podKey: string): string | undefined;
  /** Give a deleted pod's address back. */
  release(node: string, podKey: string): void;
  snapshot(): unknown;
  restore(snap: unknown): void;
}

interface HostLocalState {
  /** Per node: pod key → address. */
  leases: Record<string, Record<string, string>>;
  /** Per node: the last address handed out (host-local continues after it, wrapping around). */
  last: Record<string, string>;
}

/** host-local IPAM (containernetworking/plugins): next free address after the last one allocated. */
export class HostLocalIpam implements PodIpam {
  private state: HostLocalState = { leases: {}, last: {} };

  allocate(node: string, podCidr: string, podKey: string): string | undefined {
    const c = parseCidrOrThrow(podCidr);
    const leases = (this.state.leases[node] ??= {});
    const taken = new Set(Object.values(leases));
    const first = c.addr + 2; // .1 is the gateway
    const lastHost = c.addr + cidrSize(c) - 2;
    const lastIp = this.state.last[node];
    let start = lastIp ? parseIpOrThrow(lastIp) + 1 : first;
    if (start > lastHost || start < first) start = first;
    const span = lastHost - first + 1;
    for (let i = 0; i < span; i++) {
      const n = first + ((start - first + i) % span);
      const ip = formatIp(n);
      if (!taken.has(ip)) {
        leases[podKey] = ip;
        this.state.last[node] = ip;
        return ip;
      }
    }
    return undefined;
  }

  release(node: string, podKey: string): void {
    delete this.state.leases[node]?.[podKey];
  }

  snapshot(): unknown {
    return structuredClone(this.state);
  }

  restore(snap: unknown): void {
    this.state = structuredClone(snap as HostLocalState) ?? { leases: {}, last: {} };
  }
}

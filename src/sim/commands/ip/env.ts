/** What `ip` works with beyond the namespace it runs in: the others (peers, `-n`, `netns`), seeded MACs, the clock. */
import type { NetnsLookup } from '../../net/linkstate';
import type { NamedNetnsHost } from '../../net/named';
import type { Netns } from '../../net/netns';

export interface IpEnv {
  /** Virtual time (neighbour ages). */
  now: number;
  /** Finds any namespace by data-plane name (a veth's peer); without it peers count as up. */
  lookup?: NetnsLookup;
  /** A seeded MAC for a new device. */
  mac?: () => string;
  /** The machine's named namespaces (`ip netns`, `ip -n`, `ip link set DEV netns NAME`). */
  named?: { host: NamedNetnsHost; machine: string };
}

/** One run of `ip`: what it printed and its exit status. */
export type IpResult = { out: string; err?: string; code?: number };

export const ok = (out = ''): IpResult => ({ out });
export const fail = (err: string, code: number): IpResult => ({ out: '', err, code });

/** The env of a bare namespace (tests): no peers, no named namespaces. */
export function bareEnv(now: number): IpEnv {
  return { now };
}

export type { Netns };

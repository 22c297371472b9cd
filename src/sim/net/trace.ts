/**
 * What a packet walk records, step by step, for the `trace` teaching command and for tests: each
 * hook and chain visited, each rule that matched, every address rewrite, routing decisions, links
 * crossed and the final outcome. Plain data (JSON), printed by whoever shows it.
 */
import type { TableName } from './netfilter';

export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

export type TraceEvent =
  /** A table's built-in chain is about to be walked at a hook. */
  | { kind: 'hook'; netns: string; hook: Hook; table: TableName }
  /** A rule matched (1-based position in its chain, as `--line-numbers` shows). */
  | { kind: 'rule'; netns: string; table: TableName; chain: string; index: number }
  /** The packet fell off a built-in chain and took its policy. */
  | { kind: 'policy'; netns: string; table: TableName; chain: string; policy: string }
  /** An address/port rewrite: DNAT or SNAT/MASQUERADE on the first packet, or the conntrack replay of one. */
  | {
      kind: 'nat';
      netns: string;
      type: 'DNAT' | 'SNAT' | 'MASQUERADE' | 'un-DNAT' | 'un-SNAT';
      from: string;
      to: string;
    }
  /** The conntrack entry the packet belongs to and the state iptables saw. */
  | { kind: 'conntrack'; netns: string; state: string; id: number }
  /** A routing decision. */
  | { kind: 'route'; netns: string; dst: string; dev: string; via?: string; src?: string; local: boolean }
  /** The packet crossed a link into another namespace. */
  | {
      kind: 'link';
      fromNetns: string;
      fromDev: string;
      toNetns: string;
      toDev: string;
      /** Switched, not routed (a bridge port, an overlay or VPC fabric segment): no router on the way, the TTL is unchanged. */ l2?: boolean;
    }
  /** Delivered to a local socket. */
  | { kind: 'deliver'; netns: string; addr: string }
  /** An overlay wrapped the packet for the trip between nodes (outer header) or unwrapped it (inner packet). */
  | { kind: 'encap'; netns: string; dev: string; outer: string; inner: string }
  | { kind: 'decap'; netns: string; dev: string; inner: string }
  /** IPVS took a packet for a virtual server (scheduling a real server for a new connection) or un-NATed a real server's reply. */
  | {
      kind: 'ipvs';
      netns: string;
      dir: 'request' | 'reply';
      service: string;
      scheduler: string;
      destination: string;
      conn: number;
      fresh: boolean;
    }
  /** Dropped or rejected, and why. */
  | { kind: 'drop'; netns: string; reason: string };

/** How a walk ended. */
export type Outcome =
  | { kind: 'delivered'; netns: string }
  /** Arrived, but no socket listens there: TCP answers RST ("Connection refused"), UDP an ICMP port unreachable. */
  | { kind: 'refused'; netns: string }
  | { kind: 'dropped'; netns: string; reason: string }
  | { kind: 'rejected'; netns: string; rejectWith: string }
  | { kind: 'unreachable'; netns: string; reason: string }
  | { kind: 'forwarded'; netns: string; dev: string; nextHop: number };

/** The packet the data plane walks: the header fields netfilter, routing and conntrack look at. */
export type L4Proto = 'tcp' | 'udp' | 'icmp';

export interface Packet {
  proto: L4Proto;
  src: number;
  dst: number;
  /** Ports (for ICMP echo: the identifier in both, as conntrack keys it). */
  sport: number;
  dport: number;
  /** Bytes on the wire, for byte counters. */
  length: number;
  /** skb->mark (MARK target, mark match). */
  mark: number;
  inIface?: string;
  outIface?: string;
}

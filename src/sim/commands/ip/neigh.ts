/** `ip neigh`: the neighbour table the packet walks fill, aged into REACHABLE and STALE. */
import { neighbourState, type Netns } from '../../net/netns';
import { formatIp } from '../../net/addr';
import type { Paint } from './color';

/** Every neighbour entry, one per line, as `ip neigh show` prints it. */
export function listNeighbours(ns: Netns, now: number, paint: Paint, dev?: string): string {
  return ns.neigh
    .filter((n) => !dev || n.dev === dev)
    .map(
      (n) =>
        `${paint('inet', `${formatIp(n.ip)} `)}dev ${paint('ifname', `${n.dev} `)}lladdr ${paint('mac', `${n.mac} `)}${neighbourState(n, now)}\n`,
    )
    .join('');
}

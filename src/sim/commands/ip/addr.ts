/** `ip addr`: each link with its IPv4 addresses and the IPv6 link-local address the kernel derives from its MAC. */
import type { Address, Link, Netns } from '../../net/netns';
import { formatIp, linkLocalFromMac, maskOf } from '../../net/addr';
import { linkHeader, linkLayer, linkName, operState, type IpFlags } from './link';
import { stateColor } from './color';
import { linkView } from '../../net/linkstate';

function inetLine(a: Address, f: IpFlags): string {
  const p = f.paint;
  const brd =
    a.len < 31 && a.dev !== 'lo' && !a.noBrd
      ? ` brd ${p('inet', formatIp((a.addr | (~maskOf(a.len) >>> 0)) >>> 0))}`
      : '';
  return `    inet ${p('inet', formatIp(a.addr))}/${a.len}${brd} scope ${a.scope} ${a.dev}\n       valid_lft forever preferred_lft forever\n`;
}

/**
 * IPv6 addresses of a link: ::1 on lo, the EUI-64 link-local address on any other link with a carrier
 * (addrconf waits for one; dummies that show DOWN have none). A bridge keeps the one made from the MAC
 * it had when it came up.
 */
function inet6(ns: Netns, l: Link, f: IpFlags): { addr: string; len: number; scope: string }[] {
  if (l.kind === 'loopback')
    return l.state === 'DOWN' && !ns.addrs.some((a) => a.dev === l.name)
      ? []
      : [{ addr: '::1', len: 128, scope: 'host' }];
  const view = linkView(ns, l, f.lookup);
  if (!view.carrier || view.oper === 'DOWN') return [];
  return [{ addr: linkLocalFromMac(l.llMac ?? l.mac), len: 64, scope: 'link' }];
}

/** One link as `ip addr` prints it. */
export function addrBlock(ns: Netns, l: Link, f: IpFlags): string {
  const v4 = ns.addrs.filter((a) => a.dev === l.name);
  const v6 = inet6(ns, l, f);
  if (f.family === 4 && !v4.length) return '';
  if (f.family === 6 && !v6.length) return '';
  let s = linkHeader(ns, l, f, false);
  if (!f.family) s += linkLayer(ns, l, f);
  if (f.family !== 6) for (const a of v4) s += inetLine(a, f);
  if (f.family !== 4)
    for (const a of v6)
      s += `    inet6 ${f.paint('inet6', a.addr)}/${a.len} scope ${a.scope} \n       valid_lft forever preferred_lft forever\n`;
  return s;
}

/** One link as `ip -br addr` prints it. */
export function addrBrief(ns: Netns, l: Link, f: IpFlags): string {
  const p = f.paint;
  const state = operState(ns, l, f.lookup);
  const v4 =
    f.family === 6
      ? []
      : ns.addrs.filter((a) => a.dev === l.name).map((a) => `${p('inet', formatIp(a.addr))}/${a.len} `);
  const v6 = f.family === 4 ? [] : inet6(ns, l, f).map((a) => `${p('inet6', a.addr)}/${a.len} `);
  if (f.family && !v4.length && !v6.length) return '';
  return `${p('ifname', `${linkName(ns, l).padEnd(16)} `)}${p(stateColor(state), `${state.padEnd(14)} `)}${v4.join('')}${v6.join('')}\n`;
}

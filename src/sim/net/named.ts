/**
 * The named network namespaces of one machine, as `ip netns` sees them in its /run/netns: the ones
 * a learner made with `ip netns add NAME` and the ones the container runtime made for pods
 * (`cni-<uuid>`, which containerd creates on every kind node). A learner's namespace lives in the data
 * plane as `netns/<machine>/<name>`, where the machine is `host` or a node's name; a pod's is its own
 * `pod/NS/NAME`, shown under its runtime name. Paths (`/var/run/netns/NAME`, what CNI_NETNS holds)
 * resolve to the same namespaces.
 */
import { fnv32a } from '../cluster/hash';
import { freshNetns, unlink } from './links';
import { Netns } from './netns';
import { HOST_NETNS, nodeNetnsName } from './netnsnames';

/** The data plane as the registry needs it. */
export interface NamedNetnsHost {
  names(): string[];
  netns(name: string): Netns | undefined;
  setNetns(ns: Netns): void;
  deleteNetns(name: string): void;
}

/** The data-plane name of a learner's namespace `name` on `machine` (`host` or a node name). */
export const learnerNetnsName = (machine: string, name: string): string => `netns/${machine}/${name}`;

/** The root namespace of a machine. */
export const machineRootNetns = (machine: string): string => (machine === 'host' ? HOST_NETNS : nodeNetnsName(machine));

/** The runtime's name for a pod namespace without a recorded one (`cni-` and a UUID-shaped hash, stable per pod). */
export function cniNetnsName(netns: string): string {
  const h = (s: string): string => fnv32a(s).toString(16).padStart(8, '0');
  const a = h(netns),
    b = h(`${netns}#1`),
    c = h(`${netns}#2`),
    d = h(`${netns}#3`);
  return `cni-${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

/** The name `ip netns list` shows for a namespace, if it has one in /run/netns. */
export function netnsLabel(ns: Netns): string | undefined {
  if (ns.label !== undefined) return ns.label;
  if (ns.name.startsWith('netns/')) return ns.name.slice(ns.name.lastIndexOf('/') + 1);
  if (ns.name.startsWith('pod/')) return cniNetnsName(ns.name);
  return undefined;
}

/** Whether `ip netns` accepts a name: no slash, not empty, not `.` or `..` (iproute2's is_valid_netns_name). */
export function validNetnsName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/');
}

/** The machine whose root namespace a pod namespace's veth leads to. */
function podMachine(host: NamedNetnsHost, ns: Netns): string | undefined {
  for (const l of ns.links) {
    const peer = l.peer?.netns;
    if (peer?.startsWith('node/')) return peer.slice('node/'.length);
  }
  return undefined;
}

/** The named namespaces of `machine`, in creation order. */
export function listNamed(host: NamedNetnsHost, machine: string): Netns[] {
  const out: Netns[] = [];
  for (const name of host.names()) {
    const ns = host.netns(name)!;
    if (name.startsWith(`netns/${machine}/`)) out.push(ns);
    else if (name.startsWith('pod/') && machine !== 'host' && podMachine(host, ns) === machine) out.push(ns);
  }
  return out;
}

/** A named namespace of `machine` by its name or by a path in /run/netns or /var/run/netns. */
export function findNamed(host: NamedNetnsHost, machine: string, nameOrPath: string): Netns | undefined {
  const m = /^(?:\/var)?\/run\/netns\/([^/]+)$/.exec(nameOrPath);
  const name = m ? m[1]! : nameOrPath;
  if (!m && nameOrPath.includes('/')) return undefined;
  return listNamed(host, machine).find((ns) => netnsLabel(ns) === name);
}

/** `ip netns add NAME`: a fresh namespace (only `lo`, down); false when the name is taken. */
export function addNamed(host: NamedNetnsHost, machine: string, name: string): Netns | undefined {
  if (findNamed(host, machine, name)) return undefined;
  const ns = freshNetns(new Netns(learnerNetnsName(machine, name)));
  ns.label = name;
  host.setNetns(ns);
  return ns;
}

/**
 * `ip netns del NAME`: the namespace goes, and with it every veth with an end inside (a veth pair
 * dies with either end's namespace). False when there is no such namespace.
 */
export function deleteNamed(host: NamedNetnsHost, machine: string, name: string): boolean {
  const ns = findNamed(host, machine, name);
  if (!ns) return false;
  for (const other of host.names()) {
    const o = host.netns(other);
    if (!o || o === ns) continue;
    for (const l of o.links.filter((x) => x.peer?.netns === ns.name)) unlink(o, l);
  }
  host.deleteNetns(ns.name);
  return true;
}

/**
 * The netns ids `ip netns list` and `ip link` (`link-netnsid N`) show from `ns`: the kernel numbers
 * the namespaces a namespace has links into, from 0, as they come (here in ifindex order).
 */
export function netnsIds(ns: Netns): Map<string, number> {
  const ids = new Map<string, number>();
  for (const l of [...ns.links].sort((a, b) => a.index - b.index)) {
    const peer = l.peer?.netns;
    if (peer && peer !== ns.name && !ids.has(peer)) ids.set(peer, ids.size);
  }
  return ids;
}

/**
 * host-local IPAM's state on disk (reference 2.1): per network a directory with one file per
 * leased address holding `<container id>\n<ifname>`, `last_reserved_ip.0` and `lock`. kindnet keeps
 * it under /run/cni-ipam-state (its conflist's dataDir), the bridge plugin under
 * /var/lib/cni/networks. Written into the node's filesystem as pods get and lose addresses, so
 * `ls` and `cat` on a node show what the allocator holds.
 */
import type { Emulator } from '../emulator';
import type { KubeObject } from '../cluster/types';
import type { StoreEvent } from '../cluster/store';
import { BRIDGE_NETWORK_NAME } from './files';
import { sandboxId } from './sandbox';

/** The host-local state directory of the cluster's CNI, when it uses host-local. */
export function ipamDir(emu: Emulator): string | undefined {
  const cni = emu.cluster.config?.cni;
  if (cni === 'kindnet') return '/run/cni-ipam-state/kindnet';
  if (cni === 'bridge') return `/var/lib/cni/networks/${BRIDGE_NETWORK_NAME}`;
  return undefined;
}

function lease(pod: KubeObject): { node: string; ip: string } | undefined {
  const ip = pod.status?.podIP as string | undefined;
  const node = pod.spec?.nodeName as string | undefined;
  return ip && node && !pod.spec?.hostNetwork ? { node, ip } : undefined;
}

function record(emu: Emulator, dir: string, pod: KubeObject): void {
  const l = lease(pod);
  if (!l) return;
  const loc = { kind: 'node' as const, node: l.node };
  const file = `${dir}/${l.ip}`;
  // An address is written once per lease (a deleted pod's file goes with it), so existing means current.
  if (emu.files.stat(loc, file)) return;
  emu.files.mkdir(loc, dir, true);
  emu.files.write(loc, file, `${sandboxId(pod.metadata.uid ?? pod.metadata.name)}\neth0`);
  emu.files.write(loc, `${dir}/last_reserved_ip.0`, l.ip);
  if (emu.files.read(loc, `${dir}/lock`) !== '') emu.files.write(loc, `${dir}/lock`, '');
}

/** Write the lease files of every pod that has an address (after a cluster is built). */
export function recordAllLeases(emu: Emulator): void {
  const dir = ipamDir(emu);
  if (dir) for (const pod of emu.store.list('pods')) record(emu, dir, pod);
}

/** Keep the lease files in step with one store change (pods getting, keeping or losing an address). */
export function followLeases(emu: Emulator, e: StoreEvent): void {
  if (e.resource !== 'pods') return;
  const dir = ipamDir(emu);
  if (!dir) return;
  if (e.type !== 'DELETED') return record(emu, dir, e.object);
  const l = lease(e.object);
  if (l) emu.files.rm({ kind: 'node', node: l.node }, `${dir}/${l.ip}`);
}

/**
 * Node files of the CNI set-up, served at read time (see shell/vfs.ts providers): the conflist in
 * /etc/cni/net.d and the plugin executables in /opt/cni/bin, for whichever CNI the cluster runs.
 */
import type { FileProvider, ProviderContext } from '../shell/vfs';
import { nodeInternalIP } from '../net/agent';
import { ALL_CNI_BINARIES, cniBinaries, conflistFor, type CniName } from './files';

const CONFLIST_NAMES = ['10-kindnet.conflist', '10-mynet.conflist', '10-weave.conflist', '10-aws.conflist'];

/** The cluster's CNI and the node behind a node location, if both exist. */
function nodeAt(ctx: ProviderContext): { cni: CniName; ip: string; podCIDR?: string } | undefined {
  const cni = ctx.emulator.cluster.config?.cni;
  if (ctx.location.kind !== 'node' || !cni) return undefined;
  const node = ctx.emulator.store.get('nodes', undefined, ctx.location.node);
  if (!node) return undefined;
  const podCIDR = node.spec?.podCIDR as string | undefined;
  return { cni, ip: nodeInternalIP(node) ?? '', ...(podCIDR ? { podCIDR } : {}) };
}

const conflists = CONFLIST_NAMES.map((file): FileProvider => ({
  path: `/etc/cni/net.d/${file}`,
  kinds: ['node'],
  read(ctx) {
    const node = nodeAt(ctx);
    if (!node) return undefined;
    const conf = conflistFor(node.cni, node);
    return conf.file === file ? conf.content : undefined;
  },
}));

// A placeholder for an ELF executable: what `cat` would show starts like this.
const ELF_STUB = '\u007fELF\u0002\u0001\u0001\n';

const binaries = ALL_CNI_BINARIES.map((bin): FileProvider => ({
  path: `/opt/cni/bin/${bin}`,
  kinds: ['node'],
  read(ctx) {
    const node = nodeAt(ctx);
    return node && cniBinaries(node.cni).includes(bin) ? ELF_STUB : undefined;
  },
}));

/** The conflists in /etc/cni/net.d and the plugin binaries in /opt/cni/bin. */
export const cniFileProviders: readonly FileProvider[] = [...conflists, ...binaries];

/**
 * `weave --local status` inside a weave-net pod's `weave` container (reference 2.5, kube-addon.md):
 * the router's peers and connections (a full mesh of the cluster's nodes) and the IP allocator's
 * range, read from the cluster the way the router sees it.
 */
import { podImage } from '../shell/location';
import { WEAVE_RANGE } from '../cni/weave';
import { CLOCK_EPOCH } from '../core/clock';
import type { CommandContext, CommandSpec } from '../shell/types';
import type { FileProvider } from '../shell/vfs';

const VERSION = '2.8.1';

/** The peer name weave prints: the MAC of the node's weave bridge, and the node name. */
function peerName(ctx: CommandContext, node: string): string {
  ctx.emulator.dataPlane?.refresh();
  const mac = ctx.emulator.dataPlane?.netns(`node/${node}`)?.link('weave')?.mac ?? '00:00:00:00:00:00';
  return `${mac}(${node})`;
}

/** `yyyy/mm/dd hh:mm:ss` in UTC, as weave prints its next version check. */
function weaveTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '/')} ${iso.slice(11, 19)}`;
}

function status(ctx: CommandContext): string {
  const loc = ctx.location;
  const pod = loc.kind === 'pod' ? ctx.emulator.store.get('pods', loc.namespace, loc.pod) : undefined;
  const self = String(pod?.spec?.nodeName ?? '');
  const nodes = ctx.emulator.store.list('nodes').map((n) => n.metadata.name);
  const others = nodes.length - 1;
  const rows: Array<[string, string]> = [
    ['Version', `${VERSION} (up to date; next check at ${weaveTime(CLOCK_EPOCH + 6 * 3600_000)})`],
    ['', ''],
    ['Service', 'router'],
    ['Protocol', 'weave 1..2'],
    ['Name', peerName(ctx, self)],
    ['Encryption', 'disabled'],
    ['PeerDiscovery', 'enabled'],
    ['Targets', String(others)],
    ['Connections', `${others} (${others} established)`],
    ['Peers', `${nodes.length} (with ${nodes.length * others} established connections)`],
    ['TrustedSubnets', 'none'],
    ['', ''],
    ['Service', 'ipam'],
    ['Status', 'ready'],
    ['Range', WEAVE_RANGE],
    ['DefaultSubnet', WEAVE_RANGE],
  ];
  return rows.map(([k, v]) => (k ? `${k.padStart(15)}: ${v}` : '')).join('\n') + '\n';
}

const isWeaveImage = (image: string | undefined) => /(^|\/)weave-kube(:|$)/.test(image ?? '');

// The weave container's script, as the docs call it (`/home/weave/weave --local status`): it hands
// its arguments to the emulated `weave` command.
export const weaveScriptProvider: FileProvider = {
  path: '/home/weave/weave',
  kinds: ['pod'],
  read: ({ emulator, location }) =>
    isWeaveImage(podImage(emulator, location)) ? '#!/bin/sh\nweave "$@"\n' : undefined,
};

export const weaveCommand: CommandSpec = {
  name: 'weave',
  summary: "Weave Net's script in the weave container: weave --local status",
  usage: 'weave --local status',
  availableIn: ({ emulator, location }) => isWeaveImage(podImage(emulator, location)),
  run(ctx) {
    const args = ctx.argv.slice(1).filter((a) => a !== '--local');
    if (args[0] === 'status' && args.length === 1) {
      ctx.stdout.write(status(ctx));
      return 0;
    }
    ctx.stderr.write(`netlab: weave ${args.join(' ')} is not emulated (only weave --local status)\n`);
    return 1;
  },
};

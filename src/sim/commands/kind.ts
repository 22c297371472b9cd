/**
 * `kind` on the host: create a cluster from a config (the kind config decides nodes, labels, port
 * mappings, subnets and kube-proxy mode), list clusters and nodes, delete a cluster. The emulator
 * holds at most one cluster; kind clusters are the ones whose context is `kind-<name>`. Progress
 * goes to stderr, as kind logs there.
 */
import type { CommandContext, CommandSpec } from '../shell/types';
import type { Emulator } from '../emulator';
import { resolvePath } from '../shell/vfs';
import { buildCluster } from '../scenarios/build-cluster';
import { kindTopologyFor } from '../scenarios/topology';
import { HostLocalIpam } from '../cluster/ipam';
import { KindConfigError, parseKindConfig, type ParsedKindConfig } from './kind-config';
import { removeContainer, writePortBindings } from './kind-docker';

const NODE_IMAGE = 'kindest/node:v1.31.0';

/** Go's time.ParseDuration for the forms people pass to --wait (`30s`, `5m`, `1m30s`, `1h`). */
function goDurationMs(text: string): number {
  let ms = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
    ms += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return ms;
}

/** Go's Duration.String for whole seconds: `30s`, `1m0s`, `5m0s`, `1h0m0s`. */
function formatGoDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return `${h}h${m}m${sec}s`;
  if (m) return `${m}m${sec}s`;
  return `${sec}s`;
}

/** kind's closing lines, one picked at random (create.go logSalutation). */
const SALUTATIONS = [
  'Have a nice day! 👋',
  'Thanks for using kind! 😊',
  'Not sure what to do next? 😅  Check out https://kind.sigs.k8s.io/docs/user/quick-start/',
  'Have a question, bug, or feature request? Let us know! https://kind.sigs.k8s.io/#community 🙂',
];

/** The kind cluster that exists, if any: its name. */
export function kindClusterName(emu: Emulator): string | undefined {
  const c = emu.cluster.config;
  return c && c.context === `kind-${c.name}` ? c.name : undefined;
}

function flagValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === name) return args[i + 1];
    if (a.startsWith(name + '=')) return a.slice(name.length + 1);
  }
  return undefined;
}

const KNOWN_FLAGS = new Set(['--config', '--name', '-n', '--image', '--wait', '--kubeconfig', '--retain']);

function unknownFlag(args: string[]): string | undefined {
  return args.find((a) => a.startsWith('-') && !KNOWN_FLAGS.has(a.split('=')[0]!));
}

function createCluster(ctx: CommandContext, args: string[]): number {
  const emu = ctx.emulator;
  const bad = unknownFlag(args);
  if (bad) {
    ctx.stderr.write(`ERROR: unknown flag: ${bad.split('=')[0]}\n`);
    return 1;
  }
  const configPath = flagValue(args, '--config');
  const nameFlag = flagValue(args, '--name') ?? flagValue(args, '-n');
  const image = flagValue(args, '--image') ?? NODE_IMAGE;
  let text = '';
  if (configPath) {
    const read = emu.files.read(ctx.location, resolvePath(ctx.cwd, configPath));
    if (read === 'ENOENT' || read === 'EISDIR' || read === 'ENOTDIR' || read === 'EACCES') {
      ctx.stderr.write(
        `ERROR: failed to create cluster: error reading file: open ${configPath}: no such file or directory\n`,
      );
      return 1;
    }
    text = read;
  }
  let cfg: ParsedKindConfig;
  try {
    cfg = parseKindConfig(text, nameFlag);
  } catch (e) {
    if (!(e instanceof KindConfigError)) throw e;
    ctx.stderr.write(`ERROR: failed to create cluster: ${e.message}\n`);
    return 1;
  }
  if (emu.cluster.exists) {
    const existing = kindClusterName(emu);
    ctx.stderr.write(
      existing === cfg.name
        ? `ERROR: failed to create cluster: node(s) already exist for a cluster with the name "${cfg.name}"\n`
        : `netlab: one cluster at a time: delete ${existing ? `kind cluster "${existing}"` : 'the current cluster'} first\n`,
    );
    return 1;
  }
  const err = (s: string) => ctx.stderr.write(s);
  err(`Creating cluster "${cfg.name}" ...\n`);
  err(` ✓ Ensuring node image (${image}) 🖼\n`);
  err(` ✓ Preparing nodes ${'📦 '.repeat(cfg.nodes.length)}\n`);
  err(' ✓ Writing configuration 📜\n');
  err(' ✓ Starting control-plane 🕹️\n');
  if (!cfg.disableDefaultCNI) err(' ✓ Installing CNI 🔌\n');
  err(' ✓ Installing StorageClass 💾\n');
  if (cfg.nodes.some((n) => n.role === 'worker')) err(' ✓ Joining worker nodes 🚜\n');
  const wait = flagValue(args, '--wait');
  const waitMs = wait ? goDurationMs(wait) : 0;
  if (waitMs > 0) {
    err(` ✓ Waiting ≤ ${formatGoDuration(waitMs)} for control-plane = Ready ⏳\n`);
    err(` • Ready after ${Math.min(Math.floor(waitMs / 1000), 15)}s 💚\n`);
  }

  const topo = kindTopologyFor(cfg);
  const apiPort = emu.rng.range(32768, 60999);
  topo.config = {
    ...topo.config,
    apiServerUrl: `https://127.0.0.1:${apiPort}`,
    kubernetesVersion: `v${image.split(':v')[1] ?? '1.31.0'}`,
  };
  // Without kind's default CNI, the nodes get the reference bridge plugin (cni0, host-local,
  // ipMasq) that the CNI lesson installs, instead of kindnet.
  if (cfg.disableDefaultCNI) topo.config = { ...topo.config, cni: 'bridge' };
  emu.cluster.ipam = new HostLocalIpam();
  buildCluster(emu, topo, { mode: 'live' });
  if (cfg.disableDefaultCNI) {
    emu.cluster.deleteInternal('daemonsets', 'kube-system', 'kindnet');
    emu.cluster.deleteInternal('serviceaccounts', 'kube-system', 'kindnet');
    emu.cluster.reconcile();
  }
  applyKubeProxyPatch(emu, cfg);
  if (!cfg.nodes.some((n) => n.role === 'worker')) untaintControlPlanes(emu);
  emu.attachNetwork();
  topo.nodes.forEach((n, i) => {
    const api =
      n.role === 'control-plane' && i === topo.nodes.findIndex((x) => x.role === 'control-plane')
        ? [{ containerPort: 6443, hostPort: apiPort, listenAddress: '127.0.0.1', protocol: 'TCP' as const }]
        : [];
    writePortBindings(emu, n.name, [...(cfg.portMappings[i] ?? []), ...api]);
  });

  err(`Set kubectl context to "kind-${cfg.name}"\n`);
  err(`You can now use your cluster with:\n\nkubectl cluster-info --context kind-${cfg.name}\n\n`);
  err(`${emu.rng.pick(SALUTATIONS)}\n`);
  return 0;
}

/** kubeadm writes the KubeProxyConfiguration patches into the kube-proxy ConfigMap's config.conf. */
function applyKubeProxyPatch(emu: Emulator, cfg: ParsedKindConfig): void {
  const cm = emu.store.get('configmaps', 'kube-system', 'kube-proxy');
  const conf = cm?.data?.['config.conf'] as string | undefined;
  if (!cm || conf === undefined) return;
  let next = conf;
  if (cfg.kubeProxy.strictARP !== undefined)
    next = next.replace(/^  strictARP: .*$/m, `  strictARP: ${cfg.kubeProxy.strictARP}`);
  if (cfg.kubeProxy.scheduler !== undefined)
    next = next.replace(
      /^  scheduler: .*$/m,
      `  scheduler: ${cfg.kubeProxy.scheduler === '' ? '""' : cfg.kubeProxy.scheduler}`,
    );
  if (next === conf) return;
  const updated = structuredClone(cm);
  updated.data = { ...updated.data, 'config.conf': next };
  emu.cluster.write(updated);
}

/** A cluster without workers runs pods on its control plane: kind removes the NoSchedule taint. */
function untaintControlPlanes(emu: Emulator): void {
  for (const node of emu.store.list('nodes')) {
    const taints = (node.spec?.taints ?? []) as Array<{ key: string }>;
    if (!taints.some((t) => t.key === 'node-role.kubernetes.io/control-plane')) continue;
    const next = structuredClone(node);
    next.spec.taints = taints.filter((t) => t.key !== 'node-role.kubernetes.io/control-plane');
    if (!next.spec.taints.length) delete next.spec.taints;
    emu.cluster.write(next);
  }
  emu.cluster.reconcile();
}

/** Tear the cluster down: API objects, allocators, data plane, node containers. */
function deleteCluster(ctx: CommandContext, args: string[]): number {
  const emu = ctx.emulator;
  const name = flagValue(args, '--name') ?? flagValue(args, '-n') ?? 'kind';
  ctx.stderr.write(`Deleting cluster "${name}" ...\n`);
  if (kindClusterName(emu) !== name) return 0;
  const nodes = emu.store.list('nodes').map((n) => n.metadata.name);
  for (const n of nodes) removeContainer(emu, n);
  emu.store.restore({ resourceVersion: emu.store.currentResourceVersion(), objects: {} });
  emu.cluster.config = undefined;
  emu.cluster.ipam = new HostLocalIpam();
  emu.dataPlane = undefined;
  ctx.stderr.write(`Deleted nodes: [${nodes.map((n) => `"${n}"`).join(' ')}]\n`);
  return 0;
}

function get(ctx: CommandContext, args: string[]): number {
  const emu = ctx.emulator;
  const what = args[0];
  const current = kindClusterName(emu);
  if (what === 'clusters') {
    if (current) ctx.stdout.write(`${current}\n`);
    else ctx.stderr.write('No kind clusters found.\n');
    return 0;
  }
  if (what === 'nodes') {
    const name = flagValue(args, '--name') ?? flagValue(args, '-n') ?? 'kind';
    const nodes = current === name ? emu.store.list('nodes').map((n) => n.metadata.name) : [];
    if (!nodes.length) ctx.stderr.write(`No kind nodes found for cluster "${name}".\n`);
    for (const n of nodes) ctx.stdout.write(`${n}\n`);
    return 0;
  }
  if (what === 'kubeconfig') {
    ctx.stderr.write('netlab: kind get kubeconfig is not emulated\n');
    return 1;
  }
  ctx.stderr.write(`ERROR: unknown command "${what ?? ''}" for "kind get"\n`);
  return 1;
}

export const kindCommand: CommandSpec = {
  name: 'kind',
  summary: 'kind on the host: create/delete the cluster from a kind config, list clusters and nodes',
  usage:
    'kind create cluster [--config FILE] [--name NAME] [--image IMAGE]\nkind get clusters | nodes [--name NAME]\nkind delete cluster [--name NAME]',
  availableIn: ['host'],
  subcommands: ['create', 'delete', 'get'],
  complete(ctx) {
    if (ctx.words.length === 1) return ['create', 'delete', 'get'];
    if (ctx.words.length === 2) return ctx.words[1] === 'get' ? ['clusters', 'nodes', 'kubeconfig'] : ['cluster'];
    return ['--config', '--name'];
  },
  run(ctx) {
    const [verb, object, ...rest] = ctx.argv.slice(1);
    if (verb === 'create' && object === 'cluster') return createCluster(ctx, rest);
    if (verb === 'delete' && object === 'cluster') return deleteCluster(ctx, rest);
    if (verb === 'get') return get(ctx, [object ?? '', ...rest]);
    if (!verb) {
      ctx.stdout.write(
        "kind creates and manages local Kubernetes clusters using Docker container 'nodes'\n\nUsage:\n  kind [command]\n\nAvailable Commands:\n  create      Creates one of [cluster]\n  delete      Deletes one of [cluster]\n  get         Gets one of [clusters, nodes, kubeconfig]\n",
      );
      return 0;
    }
    ctx.stderr.write(`ERROR: unknown command "${[verb, object].filter(Boolean).join(' ')}" for "kind"\n`);
    return 1;
  },
};

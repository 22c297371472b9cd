/**
 * `docker ps` and `docker inspect` for the node containers: kind's nodes are containers from
 * `kindest/node`, listed newest first with docker's columns (tabwriter, 3 spaces of padding),
 * human durations ("About a minute ago", "Up 2 minutes") and port bindings grouped into ranges.
 */
import type { CommandContext } from '../shell/types';
import type { Emulator } from '../emulator';
import { containerId, readPortBindings, type PortBindings } from './kind-docker';
import { kindClusterName } from './kind';
import { tabwriterGo, type TabwriterOptions } from '../format/table';

/** Names of the containers docker knows: the cluster's nodes. */
export function containerNames(ctx: { emulator: CommandContext['emulator'] }): string[] {
  // Only a kind cluster's nodes are docker containers on the learner's machine; EC2 instances
  // (aws-vpc-cni) and kubeadm VMs (weave) are reached with ssh.
  if (kindClusterName(ctx.emulator) === undefined) return [];
  return ctx.emulator.store.list('nodes').map((n) => n.metadata.name);
}

/** docker's units.HumanDuration. */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(m / 60);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`;
  if (h < 24 * 30 * 2) return `${Math.floor(h / 24 / 7)} weeks`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24 / 30)} months`;
  return `${Math.floor(h / 24 / 365)} years`;
}

interface Binding {
  ip: string;
  host: number;
  container: number;
  proto: string;
}

/**
 * The PORTS cell: bindings sorted and consecutive ports merged into ranges
 * (`0.0.0.0:30000-30004->30000-30004/tcp, 127.0.0.1:38687->6443/tcp`), as docker's formatter does.
 */
export function displayPorts(bindings: PortBindings): string {
  const list: Binding[] = [];
  for (const [key, hosts] of Object.entries(bindings)) {
    const [port, proto] = key.split('/');
    for (const h of hosts)
      list.push({
        ip: h.HostIp || '0.0.0.0',
        host: Number(h.HostPort),
        container: Number(port),
        proto: proto ?? 'tcp',
      });
  }
  list.sort((a, b) => a.ip.localeCompare(b.ip) || a.proto.localeCompare(b.proto) || a.container - b.container);
  const out: string[] = [];
  for (let i = 0; i < list.length;) {
    const first = list[i]!;
    let j = i;
    while (j + 1 < list.length) {
      const next = list[j + 1]!;
      const cur = list[j]!;
      if (
        next.ip !== first.ip ||
        next.proto !== first.proto ||
        next.container !== cur.container + 1 ||
        next.host !== cur.host + 1
      )
        break;
      j++;
    }
    const last = list[j]!;
    const range = (a: number, b: number) => (a === b ? String(a) : `${a}-${b}`);
    out.push(`${first.ip}:${range(first.host, last.host)}->${range(first.container, last.container)}/${first.proto}`);
    i = j + 1;
  }
  return out.join(', ');
}

interface ContainerRow {
  id: string;
  image: string;
  command: string;
  created: number;
  ports: string;
  name: string;
}

/** The node containers: only kind's nodes are containers on the learner's machine (EKS and kubeadm nodes are machines). */
function rows(emu: Emulator): ContainerRow[] {
  if (kindClusterName(emu) === undefined) return [];
  const version = emu.cluster.config?.kubernetesVersion ?? 'v1.31.0';
  return containerNames({ emulator: emu })
    .map((name) => {
      const node = emu.store.get('nodes', undefined, name);
      return {
        id: containerId(emu, name),
        image: `kindest/node:${version}`,
        command: '"/usr/local/bin/entr…"',
        created: Date.parse(node?.metadata.creationTimestamp ?? '') || emu.clock.now(),
        ports: displayPorts(readPortBindings(emu, name)),
        name,
      };
    })
    .sort((a, b) => b.created - a.created || b.name.localeCompare(a.name));
}

/** docker's formatter: `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`; the last column is not tab-terminated, so not padded. */
const DOCKER_TABLE: TabwriterOptions = { minwidth: 10, tabwidth: 1, padding: 3 };

function table(header: string[], body: string[][]): string {
  return tabwriterGo([header, ...body].map((cells) => cells.join('\t') + '\n').join(''), DOCKER_TABLE);
}

/** `docker ps`: the node containers, newest first. */
export function dockerPs(ctx: CommandContext, args: string[]): number {
  const emu = ctx.emulator;
  let quiet = false;
  let format: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-a' || a === '--all' || a === '--no-trunc') continue;
    else if (a === '--format') format = args[++i];
    else if (a.startsWith('--format=')) format = a.slice('--format='.length);
    else {
      ctx.stderr.write(`unknown flag: ${a}\nSee 'docker ps --help'.\n`);
      return 125;
    }
  }
  const now = emu.clock.now();
  const list = rows(emu);
  if (quiet) {
    ctx.stdout.write(list.map((r) => r.id.slice(0, 12) + '\n').join(''));
    return 0;
  }
  if (format !== undefined) {
    const fields: Record<string, (r: ContainerRow) => string> = {
      '.ID': (r) => r.id.slice(0, 12),
      '.Image': (r) => r.image,
      '.Names': (r) => r.name,
      '.Ports': (r) => r.ports,
      '.Status': (r) => `Up ${humanDuration(now - r.created)}`,
    };
    const body = format.replace(/^table\s+/, '').replace(/\\t/g, '\t');
    for (const r of list)
      ctx.stdout.write(body.replace(/\{\{\s*(\.[A-Za-z]+)\s*\}\}/g, (m, f: string) => fields[f]?.(r) ?? m) + '\n');
    return 0;
  }
  const header = ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'];
  const body = list.map((r) => [
    r.id.slice(0, 12),
    r.image,
    r.command,
    `${humanDuration(now - r.created)} ago`,
    `Up ${humanDuration(now - r.created)}`,
    r.ports,
    r.name,
  ]);
  ctx.stdout.write(table(header, body));
  return 0;
}

/** `docker inspect NAME...`: the node containers as docker's JSON. */
export function dockerInspect(ctx: CommandContext, args: string[]): number {
  const emu = ctx.emulator;
  const names = args.filter((a) => !a.startsWith('-'));
  const known = rows(emu).map((r) => r.name);
  const out: unknown[] = [];
  let status = 0;
  for (const n of names) {
    if (!known.includes(n)) {
      ctx.stderr.write(`Error: No such object: ${n}\n`);
      status = 1;
      continue;
    }
    const node = emu.store.get('nodes', undefined, n)!;
    const ip =
      (node.status?.addresses as { type: string; address: string }[] | undefined)?.find((a) => a.type === 'InternalIP')
        ?.address ?? '';
    out.push({
      Id: containerId(emu, n),
      Created: node.metadata.creationTimestamp,
      Name: `/${n}`,
      State: { Status: 'running', Running: true },
      HostConfig: { PortBindings: readPortBindings(emu, n) },
      Config: { Hostname: n, Image: `kindest/node:${emu.cluster.config?.kubernetesVersion ?? 'v1.31.0'}` },
      NetworkSettings: { Networks: { kind: { IPAddress: ip, Gateway: '172.18.0.1', IPPrefixLen: 16 } } },
    });
  }
  if (names.length) ctx.stdout.write(JSON.stringify(out, null, 4) + '\n');
  return status;
}

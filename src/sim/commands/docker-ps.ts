/**
 * `docker ps` and `docker inspect` for the node containers and the learner's own (`docker run`):
 * kind's nodes are containers from `kindest/node`; all are listed newest first with docker's columns (tabwriter, 3 spaces of padding),
 * human durations ("About a minute ago", "Up 2 minutes") and port bindings grouped into ranges.
 */
import type { CommandContext } from '../shell/types';
import type { Emulator } from '../emulator';
import { containerId, readPortBindings, type PortBindings } from './kind-docker';
import { kindClusterName } from './kind';
import { tabwriterGo, type TabwriterOptions } from '../format/table';
import { findContainer, listContainers, type ContainerRecord } from '../shell/containers';
import { settleContainers } from './dockerd/daemon';
import {
  DockerUsageError,
  INSPECT_FLAGS,
  PS_FLAGS,
  flagErrorText,
  flagString,
  missingArgsText,
  parseDockerArgs,
} from './dockerflags';

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
  /** When it exited, or undefined while it runs. */
  exited?: { code: number; at: number };
  ports: string;
  name: string;
}

/** docker's formatter.Ellipsis: a string cut to `max` characters with `…` as the last. */
function ellipsis(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : chars.slice(0, max - 1).join('') + '…';
}

/** The node containers: only kind's nodes are containers on the learner's machine (EKS and kubeadm nodes are machines). */
function nodeRows(emu: Emulator): ContainerRow[] {
  if (kindClusterName(emu) === undefined) return [];
  const version = emu.cluster.config?.kubernetesVersion ?? 'v1.31.0';
  return containerNames({ emulator: emu }).map((name) => {
    const node = emu.store.get('nodes', undefined, name);
    return {
      id: containerId(emu, name),
      image: `kindest/node:${version}`,
      command: '"/usr/local/bin/entr…"',
      created: Date.parse(node?.metadata.creationTimestamp ?? '') || emu.clock.now(),
      ports: displayPorts(readPortBindings(emu, name)),
      name,
    };
  });
}

/** The learner's own containers (`docker run`), running ones and, with -a, the exited too. */
function userRows(emu: Emulator): ContainerRow[] {
  settleContainers(emu);
  return listContainers(emu).map((c) => ({
    id: c.ID,
    image: c.Config.Image,
    command: JSON.stringify(ellipsis([c.Path, ...c.Args].join(' '), 20)),
    created: Date.parse(c.Created),
    ...(c.State.Running ? {} : { exited: { code: c.State.ExitCode, at: Date.parse(c.State.FinishedAt) } }),
    ports: '',
    name: c.Name.slice(1),
  }));
}

/** Every container docker lists, newest first. */
function rows(emu: Emulator, all: boolean): ContainerRow[] {
  return [...nodeRows(emu), ...userRows(emu).filter((r) => all || !r.exited)].sort(
    (a, b) => b.created - a.created || b.name.localeCompare(a.name),
  );
}

/** The STATUS cell: `Up 5 minutes`, `Exited (137) 3 seconds ago`, `Created`. */
function status(r: ContainerRow, now: number): string {
  return r.exited
    ? `Exited (${r.exited.code}) ${humanDuration(now - r.exited.at)} ago`
    : `Up ${humanDuration(now - r.created)}`;
}

/** docker's formatter: `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`; the last column is not tab-terminated, so not padded. */
const DOCKER_TABLE: TabwriterOptions = { minwidth: 10, tabwidth: 1, padding: 3 };

function table(header: string[], body: string[][]): string {
  return tabwriterGo([header, ...body].map((cells) => cells.join('\t') + '\n').join(''), DOCKER_TABLE);
}

/** `docker ps`: the containers, newest first (running ones; every one with -a). */
export function dockerPs(ctx: CommandContext, args: string[]): number {
  const emu = ctx.emulator;
  let p;
  try {
    p = parseDockerArgs(args, PS_FLAGS);
  } catch (e) {
    if (!(e instanceof DockerUsageError)) throw e;
    ctx.stderr.write(flagErrorText('ps', PS_FLAGS, e.message));
    return 125;
  }
  const unmodelled = p.seen.find((f) => !['all', 'quiet', 'format', 'no-trunc'].includes(f));
  if (unmodelled) {
    ctx.stderr.write(`netlab: docker ps --${unmodelled} is not emulated\n`);
    return 1;
  }
  if (p.positional.length) {
    ctx.stderr.write(
      `docker: 'docker ps' accepts no arguments\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n`,
    );
    return 1;
  }
  const quiet = p.values.get('quiet') === true;
  const format = flagString(p, 'format');
  const now = emu.clock.now();
  const list = rows(emu, p.values.get('all') === true);
  if (quiet) {
    ctx.stdout.write(list.map((r) => r.id.slice(0, 12) + '\n').join(''));
    return 0;
  }
  if (format !== undefined) {
    const fields: Record<string, (r: ContainerRow) => string> = {
      '.ID': (r) => r.id.slice(0, 12),
      '.Image': (r) => r.image,
      '.Command': (r) => r.command,
      '.Names': (r) => r.name,
      '.Ports': (r) => r.ports,
      '.Status': (r) => status(r, now),
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
    status(r, now),
    r.ports,
    r.name,
  ]);
  ctx.stdout.write(table(header, body));
  return 0;
}

/** `docker inspect NAME...`: the containers as docker's JSON (the fields netlab models). */
export function dockerInspect(ctx: CommandContext, args: string[]): number {
  const emu = ctx.emulator;
  let p;
  try {
    p = parseDockerArgs(args, INSPECT_FLAGS);
  } catch (e) {
    if (!(e instanceof DockerUsageError)) throw e;
    ctx.stderr.write(flagErrorText('inspect', INSPECT_FLAGS, e.message));
    return 125;
  }
  const unmodelled = p.seen.find((f) => f !== 'format');
  if (unmodelled) {
    ctx.stderr.write(`netlab: docker inspect --${unmodelled} is not emulated\n`);
    return 1;
  }
  if (!p.positional.length) {
    ctx.stderr.write(missingArgsText('inspect', INSPECT_FLAGS, 'at least 1 argument'));
    return 1;
  }
  const format = flagString(p, 'format');
  const nodes = nodeRows(emu).map((r) => r.name);
  settleContainers(emu);
  const out: unknown[] = [];
  let code = 0;
  for (const n of p.positional) {
    const user = findContainer(emu, n);
    const obj = nodes.includes(n) ? nodeObject(emu, n) : user ? userObject(user) : undefined;
    if (!obj) {
      ctx.stderr.write(`Error: No such object: ${n}\n`);
      code = 1;
      continue;
    }
    if (format !== undefined) {
      const text = goTemplate(format, obj);
      if (text === undefined) {
        ctx.stderr.write(
          `netlab: docker inspect --format ${format} is not emulated (only {{.Field.Path}} and {{json .Field}})\n`,
        );
        return 1;
      }
      ctx.stdout.write(text + '\n');
    } else out.push(obj);
  }
  if (format === undefined) ctx.stdout.write(JSON.stringify(out, null, 4) + '\n');
  return code;
}

function nodeObject(emu: Emulator, n: string): Record<string, unknown> {
  const node = emu.store.get('nodes', undefined, n)!;
  const ip =
    (node.status?.addresses as { type: string; address: string }[] | undefined)?.find((a) => a.type === 'InternalIP')
      ?.address ?? '';
  return {
    Id: containerId(emu, n),
    Created: node.metadata.creationTimestamp,
    Name: `/${n}`,
    State: { Status: 'running', Running: true },
    HostConfig: { PortBindings: readPortBindings(emu, n) },
    Config: { Hostname: n, Image: `kindest/node:${emu.cluster.config?.kubernetesVersion ?? 'v1.31.0'}` },
    NetworkSettings: { Networks: { kind: { IPAddress: ip, Gateway: '172.18.0.1', IPPrefixLen: 16 } } },
  };
}

/** A `docker run` container in docker's inspect field names and order (the fields netlab models). */
function userObject(c: ContainerRecord): Record<string, unknown> {
  return {
    Id: c.ID,
    Created: c.Created,
    Path: c.Path,
    Args: c.Args,
    State: {
      Status: c.State.Status,
      Running: c.State.Running,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      ExitCode: c.State.ExitCode,
      Error: '',
      StartedAt: c.State.StartedAt,
      FinishedAt: c.State.FinishedAt,
    },
    Name: c.Name,
    HostConfig: {
      NetworkMode: c.HostConfig.NetworkMode,
      AutoRemove: c.HostConfig.AutoRemove,
      CapAdd: c.HostConfig.CapAdd,
      Privileged: c.HostConfig.Privileged,
    },
    Config: {
      Hostname: c.Config.Hostname,
      Tty: c.Config.Tty,
      OpenStdin: c.Config.OpenStdin,
      Env: c.Config.Env,
      Cmd: c.Config.Cmd,
      Image: c.Config.Image,
      Entrypoint: c.Config.Entrypoint,
    },
    NetworkSettings: {
      Networks: Object.fromEntries(
        Object.entries(c.NetworkSettings.Networks).map(([name, e]) => [
          name,
          {
            IPAMConfig: e.IPAMConfig,
            MacAddress: e.MacAddress,
            Gateway: e.Gateway,
            IPAddress: e.IPAddress,
            IPPrefixLen: e.IPPrefixLen,
          },
        ]),
      ),
    },
  };
}

/** The part of Go's text/template `docker inspect -f` is used with: `{{.A.B}}` and `{{json .A}}`; undefined otherwise. */
/** A JSON object (what a template's `.Field` can step into). */
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function goTemplate(format: string, obj: unknown): string | undefined {
  let unsupported = false;
  const text = format.replace(
    /\{\{\s*(json\s+)?((?:\.[A-Za-z0-9_]+)+|\.)\s*\}\}/g,
    (_m, json: string | undefined, path: string) => {
      let v: unknown = obj;
      for (const key of path.split('.').filter(Boolean)) v = isRecord(v) ? v[key] : undefined;
      if (json) return JSON.stringify(v ?? null);
      if (v === undefined || v === null) return '<no value>';
      if (typeof v === 'object') {
        unsupported = true;
        return '';
      }
      return String(v);
    },
  );
  return unsupported || /\{\{/.test(text) ? undefined : text;
}

/**
 * The learner's own containers (`docker run`), kept where dockerd keeps them: one
 * `config.v2.json` per container under /var/lib/docker/containers/<id>/ on the host, in dockerd's
 * own field names. Being files, they snapshot with the emulator and `ls` finds them. kind's node
 * containers are not kept here: they follow the cluster's Node objects (commands/kind-docker.ts).
 */
import type { Emulator } from '../emulator';
import type { LocationRef } from './types';

/** Where dockerd keeps its containers on the host (kind's node containers keep their port bindings here too). */
export const DOCKER_CONTAINERS_DIR = '/var/lib/docker/containers';

const HOST: LocationRef = { kind: 'host' };

/** One network a container is attached to (dockerd's EndpointSettings, the fields we use). */
export interface ContainerEndpoint {
  IPAddress: string;
  IPPrefixLen: number;
  Gateway: string;
  MacAddress: string;
  /** The address the user asked for with `--ip`, or null. */
  IPAMConfig: { IPv4Address: string } | null;
}

/** A container as dockerd records it (a subset of config.v2.json, same names and shapes). */
export interface ContainerRecord {
  ID: string;
  /** RFC 3339 with nanoseconds, as dockerd writes it. */
  Created: string;
  /** `/mypc`: dockerd's names carry a leading slash. */
  Name: string;
  /** The main process: the image's entrypoint and the command. */
  Path: string;
  Args: string[];
  Config: {
    Hostname: string;
    Image: string;
    Cmd: string[] | null;
    Entrypoint: string[] | null;
    Env: string[];
    Tty: boolean;
    OpenStdin: boolean;
  };
  State: {
    Status: 'created' | 'running' | 'exited';
    Running: boolean;
    ExitCode: number;
    StartedAt: string;
    FinishedAt: string;
  };
  HostConfig: {
    NetworkMode: string;
    AutoRemove: boolean;
    CapAdd: string[] | null;
    Privileged: boolean;
  };
  NetworkSettings: { Networks: Record<string, ContainerEndpoint> };
  /** netlab's own: the virtual time a main process that ends by itself (`sleep 300`) ends. */
  NetlabExitsAt?: number;
}

/** A time as dockerd writes it: RFC 3339 with nanoseconds. */
export function dockerTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

const configPath = (id: string): string => `${DOCKER_CONTAINERS_DIR}/${id}/config.v2.json`;
const logPath = (id: string): string => `${DOCKER_CONTAINERS_DIR}/${id}/${id}-json.log`;

function readText(emu: Emulator, path: string): string | undefined {
  const text = emu.files.read(HOST, path);
  if (typeof text !== 'string' || ['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES'].includes(text)) return undefined;
  return text;
}

/** Every recorded container, oldest first (creation time, then id). */
export function listContainers(emu: Emulator): ContainerRecord[] {
  const dirs = emu.files.list(HOST, DOCKER_CONTAINERS_DIR);
  if (!Array.isArray(dirs)) return [];
  const out: ContainerRecord[] = [];
  for (const id of dirs) {
    const text = readText(emu, configPath(id));
    if (text === undefined) continue;
    try {
      const record: ContainerRecord = JSON.parse(text);
      out.push(record);
    } catch {
      // A file the learner broke by hand is not a container dockerd would load.
    }
  }
  return out.sort((a, b) => a.Created.localeCompare(b.Created) || a.ID.localeCompare(b.ID));
}

/** The container a reference names, as dockerd resolves it: full id, name, then a unique id prefix. */
export function findContainer(emu: Emulator, ref: string): ContainerRecord | undefined {
  const all = listContainers(emu);
  const name = ref.replace(/^\//, '');
  return (
    all.find((c) => c.ID === ref) ??
    all.find((c) => c.Name === `/${name}`) ??
    (() => {
      const matches = all.filter((c) => ref.length > 0 && c.ID.startsWith(ref));
      return matches.length === 1 ? matches[0] : undefined;
    })()
  );
}

/** Record (or update) a container. */
export function saveContainer(emu: Emulator, c: ContainerRecord): void {
  emu.files.mkdir(HOST, `${DOCKER_CONTAINERS_DIR}/${c.ID}`, true);
  emu.files.write(HOST, configPath(c.ID), JSON.stringify(c));
}

/** Forget a container and its log. */
export function deleteContainer(emu: Emulator, id: string): void {
  emu.files.rm(HOST, `${DOCKER_CONTAINERS_DIR}/${id}`, true);
}

/** Append a line of output to a container's log (json-file driver: one JSON object per line). */
export function appendContainerLog(
  emu: Emulator,
  id: string,
  stream: 'stdout' | 'stderr',
  text: string,
  time: string,
): void {
  if (!text) return;
  const lines = text.split(/(?<=\n)/);
  const body = lines.map((log) => JSON.stringify({ log, stream, time }) + '\n').join('');
  emu.files.write(HOST, logPath(id), body, true);
}

/** A container's logged output, in order (what `docker logs` prints, stdout and stderr). */
export function containerLog(emu: Emulator, id: string): { stream: 'stdout' | 'stderr'; log: string }[] {
  const text = readText(emu, logPath(id));
  if (!text) return [];
  const out: { stream: 'stdout' | 'stderr'; log: string }[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const e: { stream: 'stdout' | 'stderr'; log: string } = JSON.parse(line);
      out.push({ stream: e.stream, log: e.log });
    } catch {
      // Skip a damaged line, as the json-file reader does.
    }
  }
  return out;
}

/** The short id docker prints (12 hex digits). */
export const shortId = (id: string): string => id.slice(0, 12);

/** Whether a shell in a container has CAP_NET_ADMIN: `docker exec --privileged`, or the container's --privileged or --cap-add NET_ADMIN. */
export function containerHasNetAdmin(emu: Emulator, loc: Extract<LocationRef, { kind: 'container' }>): boolean {
  if (loc.privileged) return true;
  const c = findContainer(emu, loc.name);
  if (!c) return false;
  const caps = (c.HostConfig.CapAdd ?? []).map((x) => x.toUpperCase().replace(/^CAP_/, ''));
  return c.HostConfig.Privileged || caps.includes('NET_ADMIN') || caps.includes('ALL');
}

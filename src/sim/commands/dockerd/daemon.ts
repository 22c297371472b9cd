/**
 * What dockerd does for the learner's own containers: the images it can run (their ENTRYPOINT and
 * CMD), names, ids, creating a container on the kind network, its main process's life (a server or
 * `sleep infinity` keeps it running, a one-shot command ends it), stopping and removing it. The
 * records live in docker/containers.ts, the wiring in docker/network.ts.
 */
import type { Emulator } from '../../emulator';
import { parseImage, repoIs } from '../../apps/image';
import { appForImage } from '../../apps/registry';
import {
  deleteContainer,
  dockerTime,
  findContainer,
  listContainers,
  saveContainer,
  type ContainerRecord,
} from '../../shell/containers';
import { attachContainer, detachContainer, kindNetwork } from './network';

/**
 * The images `docker run` can start: their ENTRYPOINT and CMD as their Dockerfiles set them. Clients
 * and shells only: a server image (nginx, traefik/whoami) would need its app to listen in the
 * container's namespace, which apps/serve.ts does for pods only, so those say they are not emulated.
 */
const RUNNABLE: readonly { repo: string; entrypoint?: string[]; cmd?: string[] }[] = [
  { repo: 'nicolaka/netshoot', cmd: ['zsh'] },
  { repo: 'busybox', cmd: ['sh'] },
  { repo: 'alpine', cmd: ['/bin/sh'] },
  { repo: 'curlimages/curl', entrypoint: ['/entrypoint.sh'], cmd: ['curl'] },
];

/** What `docker run` can do with an image: run it, say it is not emulated, or fail to pull it. */
export type ImageVerdict =
  | { kind: 'runnable'; entrypoint: string[]; cmd: string[] }
  | { kind: 'not-emulated' }
  | { kind: 'unknown'; reference: string; repo: string };

export function imageVerdict(image: string): ImageVerdict {
  const { repo, tag } = parseImage(image);
  const known = RUNNABLE.find((r) => repoIs(repo, r.repo));
  if (known) return { kind: 'runnable', entrypoint: known.entrypoint ?? [], cmd: known.cmd ?? [] };
  if (appForImage(image)) return { kind: 'not-emulated' };
  // docker's familiar form of the reference it failed to find: `foo:latest`, `org/app:1.2`.
  return { kind: 'unknown', reference: `${repo}:${tag}`, repo };
}

/** A few of moby's namesgenerator words: a container without --name is `adjective_surname`. */
const ADJECTIVES = [
  'admiring',
  'awesome',
  'blissful',
  'bold',
  'brave',
  'clever',
  'dreamy',
  'eager',
  'ecstatic',
  'elegant',
  'festive',
  'focused',
  'gifted',
  'happy',
  'hopeful',
  'jolly',
  'keen',
  'loving',
  'nifty',
  'optimistic',
  'peaceful',
  'quirky',
  'relaxed',
  'serene',
  'sharp',
  'stoic',
  'tender',
  'upbeat',
  'vibrant',
  'zealous',
];
const SURNAMES = [
  'albattani',
  'bardeen',
  'bhabha',
  'curie',
  'darwin',
  'dijkstra',
  'einstein',
  'euclid',
  'feynman',
  'galileo',
  'goldberg',
  'hopper',
  'hypatia',
  'johnson',
  'kalam',
  'knuth',
  'lamarr',
  'lovelace',
  'meitner',
  'noether',
  'pascal',
  'raman',
  'ritchie',
  'shannon',
  'tesla',
  'thompson',
  'torvalds',
  'turing',
  'wozniak',
  'yonath',
];

/** A name for a container started without --name, not already taken. */
export function generatedName(emu: Emulator): string {
  for (;;) {
    const name = `${emu.rng.pick(ADJECTIVES)}_${emu.rng.pick(SURNAMES)}`;
    if (!findContainer(emu, name)) return name;
  }
}

/** A new 64-hex container id from the seeded stream. */
export function newContainerId(emu: Emulator): string {
  return emu.rng.string('0123456789abcdef', 64);
}

/** dockerd's check of a --name: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`. */
export const validContainerName = (name: string): boolean => /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name);

/** How a main process lives: for ever (`sleep infinity`, `tail -f`), until a time, or not at all (it runs now). */
export type MainProcess =
  { kind: 'daemon' } | { kind: 'until'; ms: number } | { kind: 'interactive' } | { kind: 'once' };

const SHELLS = new Set(['sh', 'bash', 'zsh', 'ash', '/bin/sh', '/bin/bash', '/bin/zsh', '/bin/ash']);

/** What the container's process does, from its argv and whether stdin is kept open (-i). */
export function mainProcess(argv: readonly string[], interactive: boolean): MainProcess {
  const [cmd, ...args] = argv;
  const base = (cmd ?? '').split('/').pop() ?? '';
  if (base === 'sleep') {
    if (args[0] === 'infinity') return { kind: 'daemon' };
    const s = Number(args[0]);
    return Number.isFinite(s) && s > 0 ? { kind: 'until', ms: s * 1000 } : { kind: 'once' };
  }
  if (base === 'tail' && args.includes('-f')) return { kind: 'daemon' };
  if (SHELLS.has(cmd ?? '') && args.length === 0) return interactive ? { kind: 'interactive' } : { kind: 'once' };
  return { kind: 'once' };
}

/** The main process's argv: the entrypoint with the command (or the image's CMD). */
export function processArgv(entrypoint: readonly string[], cmd: readonly string[]): string[] {
  return [...entrypoint, ...cmd];
}

/**
 * The argv a container runs for real: images whose ENTRYPOINT is a wrapper script get what the
 * script would exec (curlimages/curl's runs `curl "$@"` when the first argument is an option).
 */
export function effectiveArgv(repoArgv: readonly string[]): string[] {
  const [first, ...rest] = repoArgv;
  if (first === '/entrypoint.sh') return rest[0]?.startsWith('-') ? ['curl', ...rest] : rest;
  return [...repoArgv];
}

/** Put a created container on the kind network and record it running. */
export function startContainer(emu: Emulator, c: ContainerRecord, ip: string): ContainerRecord {
  const dp = emu.dataPlane!;
  const net = kindNetwork(dp)!;
  const mac = attachContainer(dp, c.Name.slice(1), ip, net);
  const now = dockerTime(emu.clock.now());
  const started: ContainerRecord = {
    ...c,
    State: { Status: 'running', Running: true, ExitCode: 0, StartedAt: now, FinishedAt: '0001-01-01T00:00:00Z' },
    NetworkSettings: {
      Networks: {
        kind: {
          ...c.NetworkSettings.Networks.kind!,
          IPAddress: ip,
          IPPrefixLen: Number(net.subnet.split('/')[1]),
          Gateway: net.gateway,
          MacAddress: mac,
        },
      },
    },
  };
  saveContainer(emu, started);
  return started;
}

/** The main process ended: the container stops (and goes, with --rm); its network is unplugged. */
export function containerExited(emu: Emulator, ref: string, code: number): void {
  const c = findContainer(emu, ref);
  if (!c) return;
  if (emu.dataPlane) detachContainer(emu.dataPlane, c.Name.slice(1));
  if (c.HostConfig.AutoRemove) {
    deleteContainer(emu, c.ID);
    return;
  }
  saveContainer(emu, {
    ...c,
    State: { ...c.State, Status: 'exited', Running: false, ExitCode: code, FinishedAt: dockerTime(emu.clock.now()) },
    NetworkSettings: {
      Networks: Object.fromEntries(
        Object.entries(c.NetworkSettings.Networks).map(([n, e]) => [
          n,
          { ...e, IPAddress: '', MacAddress: '', Gateway: '' },
        ]),
      ),
    },
  });
}

/** Containers whose `sleep N` ran out since they were last looked at have exited (status 0). */
export function settleContainers(emu: Emulator): void {
  const now = emu.clock.now();
  for (const c of listContainers(emu)) {
    if (c.State.Running && c.NetlabExitsAt !== undefined && c.NetlabExitsAt <= now) containerExited(emu, c.ID, 0);
  }
}

/** Whether the main process ignores SIGTERM (`docker stop` then waits its timeout and kills): sleep, tail, shells. */
export function ignoresSigterm(c: ContainerRecord): boolean {
  const base = c.Path.split('/').pop() ?? '';
  return ['sleep', 'tail', 'sh', 'bash', 'zsh', 'ash'].includes(base);
}

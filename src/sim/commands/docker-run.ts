/**
 * `docker run`, `docker rm`, `docker stop` and `docker logs` for the learner's own containers on the
 * kind network (the kans-week5 seed's `mypc`: `docker run -d --rm --name mypc --network kind --ip
 * 172.18.0.100 nicolaka/netshoot sleep infinity`). Flags docker has but netlab does not model say
 * so; an image netlab does not know fails to pull as docker says it; errors are docker 28's.
 */
import type { CommandContext, LocationRef } from '../shell/types';
import type { ExitHookHandler } from '../shell/exithooks';
import {
  DockerUsageError,
  LOGS_FLAGS,
  RM_FLAGS,
  RUN_FLAGS,
  STOP_FLAGS,
  flagErrorText,
  missingArgsText,
  parseDockerArgs,
  flagList,
  flagOn,
  flagString,
  type DockerCommandFlags,
  type DockerSubcommand,
  type ParsedDockerArgs,
} from './dockerflags';
import {
  appendContainerLog,
  containerLog,
  deleteContainer,
  dockerTime,
  findContainer,
  saveContainer,
  type ContainerRecord,
} from '../shell/containers';
import {
  containerExited,
  effectiveArgv,
  generatedName,
  ignoresSigterm,
  imageVerdict,
  mainProcess,
  newContainerId,
  settleContainers,
  startContainer,
  validContainerName,
} from './dockerd/daemon';
import { addressFree, kindNetwork, nextFreeAddress } from './dockerd/network';
import { cidrContains, parseCidr, parseIp } from '../net/addr';
import { containerNames as nodeContainerNames } from './docker-ps';

/** Flags of `docker run` netlab models; any other flag docker knows is refused as not emulated. */
const RUN_MODELLED = new Set([
  'detach',
  'interactive',
  'tty',
  'rm',
  'name',
  'network',
  'net',
  'ip',
  'cap-add',
  'privileged',
  'env',
  'hostname',
]);

/** docker 28 prints a daemon error as `docker: ERR`, a blank line and the help hint; exit 125. */
function daemonError(ctx: CommandContext, sub: string, message: string): number {
  ctx.stderr.write(
    `docker: Error response from daemon: ${message}\n\nRun 'docker ${sub} --help' for more information\n`,
  );
  return 125;
}

/** Parse a subcommand's flags, printing pflag's error as docker does; undefined after an error. */
function parse(
  ctx: CommandContext,
  sub: string,
  args: string[],
  spec: DockerCommandFlags,
): ParsedDockerArgs | undefined {
  try {
    return parseDockerArgs(args, spec);
  } catch (e) {
    if (!(e instanceof DockerUsageError)) throw e;
    ctx.stderr.write(flagErrorText(sub, spec, e.message));
    return undefined;
  }
}

const str = flagString;
const list = flagList;
const flag = flagOn;

/** The exit hook of an attached interactive `docker run -it`: leaving its shell ends the container. */
const DOCKER_RUN_HOOK = 'docker-run-attach';

export const dockerRunExitHook: ExitHookHandler = {
  kind: DOCKER_RUN_HOOK,
  run: (emu, params) => containerExited(emu, params.id ?? '', 0),
};

export const dockerRun: DockerSubcommand = async (ctx, args) => {
  const emu = ctx.emulator;
  const p = parse(ctx, 'run', args, RUN_FLAGS);
  if (!p) return 125;
  if (p.positional.length === 0) {
    ctx.stderr.write(missingArgsText('run', RUN_FLAGS, 'at least 1 argument'));
    return 1;
  }
  const unmodelled = p.seen.find((f) => !RUN_MODELLED.has(f));
  if (unmodelled) {
    ctx.stderr.write(`netlab: docker run --${unmodelled} is not emulated\n`);
    return 1;
  }
  const image = p.positional[0]!;
  const command = p.positional.slice(1);
  const verdict = imageVerdict(image);
  if (verdict.kind === 'not-emulated') {
    ctx.stderr.write(
      `netlab: docker run ${image} is not emulated (netlab runs nicolaka/netshoot, busybox, alpine and curlimages/curl)\n`,
    );
    return 1;
  }
  if (verdict.kind === 'unknown') {
    // The client says it pulls; the registry refuses a repository that does not exist.
    ctx.stderr.write(`Unable to find image '${verdict.reference}' locally\n`);
    return daemonError(
      ctx,
      'run',
      `pull access denied for ${verdict.repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
    );
  }
  const network = str(p, 'network') ?? str(p, 'net');
  if (network === undefined || network === 'default' || network === 'bridge') {
    if (str(p, 'ip') !== undefined)
      return daemonError(ctx, 'run', 'user specified IP address is supported on user defined networks only');
    ctx.stderr.write(`netlab: docker run on the default bridge network is not emulated (use --network kind)\n`);
    return 1;
  }
  const dp = emu.dataPlane;
  // The nodes' namespaces and addresses as the cluster holds them now, before an address is picked.
  dp?.refresh();
  const net = kindNetwork(dp);
  if (network !== 'kind' || !dp || !net) {
    if (network === 'host' || network === 'none' || network.startsWith('container:')) {
      ctx.stderr.write(`netlab: docker run --network ${network} is not emulated\n`);
      return 1;
    }
    return daemonError(ctx, 'run', `network ${network} not found`);
  }
  const name = str(p, 'name') ?? generatedName(emu);
  if (!validContainerName(name))
    return daemonError(ctx, 'run', `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  const taken = findContainer(emu, name);
  if (taken || nodeContainerNames(ctx).includes(name)) {
    const id = taken?.ID ?? '';
    return daemonError(
      ctx,
      'run',
      `Conflict. The container name "/${name}" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`,
    );
  }
  let ip = str(p, 'ip');
  if (ip !== undefined) {
    const addr = parseIp(ip);
    if (addr === undefined) return daemonError(ctx, 'run', `invalid IPv4 address: ${ip}`); // UNCONFIRMED wording
    if (!cidrContains(parseCidr(net.subnet)!, addr))
      // moby 26+ (daemon/network.go validateEndpointSettings); UNCONFIRMED against a capture.
      return daemonError(
        ctx,
        'run',
        `invalid config for network kind: invalid endpoint settings:\nno configured subnet or ip-range contain the IP address ${ip}`,
      );
    // UNCONFIRMED wording: the libnetwork IPAM error as moby 28 reports a failed start.
    if (!addressFree(dp, net, ip))
      return daemonError(ctx, 'run', 'failed to set up container networking: Address already in use');
  } else ip = nextFreeAddress(dp, net);
  if (!ip)
    return daemonError(
      ctx,
      'run',
      "failed to set up container networking: no available IPv4 addresses on this network's address pools",
    );

  const id = newContainerId(emu);
  const usesDefault = command.length === 0;
  const argv = effectiveArgv([...verdict.entrypoint, ...(usesDefault ? verdict.cmd : command)]);
  const interactive = flag(p, 'interactive');
  const tty = flag(p, 'tty');
  const detach = flag(p, 'detach');
  const proc = mainProcess(argv, interactive);
  const entry = [...verdict.entrypoint, ...(usesDefault ? verdict.cmd : command)];
  const created: ContainerRecord = {
    ID: id,
    Created: dockerTime(emu.clock.now()),
    Name: `/${name}`,
    Path: entry[0] ?? '',
    Args: entry.slice(1),
    Config: {
      Hostname: str(p, 'hostname') ?? id.slice(0, 12),
      Image: image,
      Cmd: usesDefault ? verdict.cmd : command,
      Entrypoint: verdict.entrypoint.length ? verdict.entrypoint : null,
      Env: [...list(p, 'env'), 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Tty: tty,
      OpenStdin: interactive,
    },
    State: {
      Status: 'created',
      Running: false,
      ExitCode: 0,
      StartedAt: '0001-01-01T00:00:00Z',
      FinishedAt: '0001-01-01T00:00:00Z',
    },
    HostConfig: {
      NetworkMode: 'kind',
      AutoRemove: flag(p, 'rm'),
      CapAdd: list(p, 'cap-add').length ? list(p, 'cap-add') : null,
      Privileged: flag(p, 'privileged'),
    },
    NetworkSettings: {
      Networks: {
        kind: {
          IPAddress: '',
          IPPrefixLen: 0,
          Gateway: '',
          MacAddress: '',
          IPAMConfig: str(p, 'ip') !== undefined ? { IPv4Address: str(p, 'ip')! } : null,
        },
      },
    },
    ...(proc.kind === 'until' ? { NetlabExitsAt: emu.clock.now() + proc.ms } : {}),
  };
  saveContainer(emu, created);
  startContainer(emu, created, ip);
  const location: LocationRef = { kind: 'container', name };

  if (detach) {
    ctx.stdout.write(`${id}\n`);
    if (proc.kind === 'once') await runMain(ctx, id, location, argv, true, interactive);
    return 0;
  }
  if (proc.kind === 'interactive') {
    if (!tty) {
      // -i without -t: the shell reads what is piped in, then ends.
      const code = await ctx.shell.runScript(ctx.stdin, { location, stdout: ctx.stdout, stderr: ctx.stderr });
      containerExited(emu, id, code);
      return code;
    }
    const shell = (argv[0] ?? 'sh').split('/').pop()!;
    ctx.shell.enter(location, shell === 'ash' ? 'sh' : shell, { onExit: { kind: DOCKER_RUN_HOOK, params: { id } } });
    return 0;
  }
  if (proc.kind === 'once') return runMain(ctx, id, location, argv, false, interactive);
  // Attached to a process that does not end (sleep infinity, tail -f): wait for Ctrl-C, as docker does.
  const code = await ctx.shell.runCommand(argv, {
    location,
    stdin: '',
    stdout: ctx.stdout,
    stderr: ctx.stderr,
  });
  containerExited(emu, id, code);
  return code;
};

/** Run a one-shot main process in the container: attached it prints here, detached into the log. */
async function runMain(
  ctx: CommandContext,
  id: string,
  location: LocationRef,
  argv: string[],
  detached: boolean,
  interactive: boolean,
): Promise<number> {
  const emu = ctx.emulator;
  const spec = emu.commands.get((argv[0] ?? '').split('/').pop() ?? '');
  let code: number;
  if (!argv.length || !spec) {
    const msg = `docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${argv[0] ?? ''}": executable file not found in $PATH: unknown\n\nRun 'docker run --help' for more information\n`;
    if (!detached) ctx.stderr.write(msg);
    containerExited(emu, id, 127);
    return detached ? 0 : 127;
  }
  if (detached) {
    let out = '';
    let err = '';
    code = await ctx.shell.runCommand(argv, {
      location,
      stdin: '',
      stdout: { write: (s: string) => void (out += s) },
      stderr: { write: (s: string) => void (err += s) },
    });
    const now = dockerTime(emu.clock.now());
    appendContainerLog(emu, id, 'stdout', out, now);
    appendContainerLog(emu, id, 'stderr', err, now);
  } else {
    code = await ctx.shell.runCommand(argv, {
      location,
      stdin: interactive ? ctx.stdin : '',
      stdout: ctx.stdout,
      stderr: ctx.stderr,
    });
  }
  containerExited(emu, id, code);
  return detached ? 0 : code;
}

/** The user's container a reference names, after settling containers whose main process ended. */
function lookup(ctx: CommandContext, ref: string): ContainerRecord | undefined {
  settleContainers(ctx.emulator);
  return findContainer(ctx.emulator, ref);
}

export const dockerRm: DockerSubcommand = (ctx, args) => {
  const p = parse(ctx, 'rm', args, RM_FLAGS);
  if (!p) return 125;
  if (p.positional.length === 0) {
    ctx.stderr.write(missingArgsText('rm', RM_FLAGS, 'at least 1 argument'));
    return 1;
  }
  let status = 0;
  for (const ref of p.positional) {
    if (nodeContainerNames(ctx).includes(ref)) {
      ctx.stderr.write(
        `netlab: docker rm of kind's node container ${ref} is not emulated (kind delete cluster removes them)\n`,
      );
      status = 1;
      continue;
    }
    const c = lookup(ctx, ref);
    if (!c) {
      ctx.stderr.write(`Error response from daemon: No such container: ${ref}\n`);
      status = 1;
      continue;
    }
    if (c.State.Running && !flag(p, 'force')) {
      ctx.stderr.write(
        `Error response from daemon: cannot remove container "${ref}": container is running: stop the container before removing or force remove\n`,
      );
      status = 1;
      continue;
    }
    if (c.State.Running) containerExited(ctx.emulator, c.ID, 137);
    deleteContainer(ctx.emulator, c.ID);
    ctx.stdout.write(`${ref}\n`);
  }
  return status;
};

export const dockerStop: DockerSubcommand = async (ctx, args) => {
  const p = parse(ctx, 'stop', args, STOP_FLAGS);
  if (!p) return 125;
  if (p.positional.length === 0) {
    ctx.stderr.write(missingArgsText('stop', STOP_FLAGS, 'at least 1 argument'));
    return 1;
  }
  const timeout = Number(str(p, 'timeout') ?? str(p, 'time') ?? '10');
  let status = 0;
  for (const ref of p.positional) {
    if (nodeContainerNames(ctx).includes(ref)) {
      ctx.stderr.write(`netlab: docker stop of kind's node container ${ref} is not emulated\n`);
      status = 1;
      continue;
    }
    const c = lookup(ctx, ref);
    if (!c) {
      ctx.stderr.write(`Error response from daemon: No such container: ${ref}\n`);
      status = 1;
      continue;
    }
    if (c.State.Running) {
      // PID 1 without a SIGTERM handler (sleep, tail, a shell) ignores it: docker waits, then kills.
      const slow = ignoresSigterm(c);
      if (slow && timeout > 0) {
        for (let s = 0; s < timeout; s++) {
          await ctx.checkpoint();
          ctx.emulator.advanceTime(1000);
        }
      }
      containerExited(ctx.emulator, c.ID, slow ? 137 : 0);
    }
    ctx.stdout.write(`${ref}\n`);
  }
  return status;
};

export const dockerLogs: DockerSubcommand = (ctx, args) => {
  const p = parse(ctx, 'logs', args, LOGS_FLAGS);
  if (!p) return 125;
  if (p.positional.length !== 1) {
    ctx.stderr.write(missingArgsText('logs', LOGS_FLAGS, '1 argument').replace("\n\nSee '", "\n\nRun '"));
    return 1;
  }
  const extra = p.seen.find((f) => f !== 'tail');
  if (extra) {
    ctx.stderr.write(`netlab: docker logs --${extra} is not emulated\n`);
    return 1;
  }
  const ref = p.positional[0]!;
  if (nodeContainerNames(ctx).includes(ref)) {
    ctx.stderr.write(`netlab: docker logs of kind's node container ${ref} is not emulated\n`);
    return 1;
  }
  const c = lookup(ctx, ref);
  if (!c) {
    ctx.stderr.write(`Error response from daemon: No such container: ${ref}\n`);
    return 1;
  }
  let lines = containerLog(ctx.emulator, c.ID);
  const tail = str(p, 'tail');
  if (tail !== undefined && tail !== 'all') lines = lines.slice(Math.max(0, lines.length - Number(tail)));
  for (const l of lines) (l.stream === 'stderr' ? ctx.stderr : ctx.stdout).write(l.log);
  return 0;
};

/**
 * `docker` on the host. The cluster's nodes are its containers (kind runs each node as one), so
 * `docker exec NODE CMD` runs CMD at that node and `docker exec -it NODE bash` enters its shell.
 * Subcommands live in one table (`SUBCOMMANDS`): a new one is a function in its own module, listed there.
 */
import { isAvailable } from '../shell/commandtable';
import type { CommandContext, LocationRef, CommandSpec } from '../shell/types';
import { containerNames, dockerInspect, dockerPs } from './docker-ps';
import { dockerLogs, dockerRm, dockerRun, dockerStop } from './docker-run';
import {
  DockerUsageError,
  EXEC_FLAGS,
  flagErrorText,
  flagList,
  missingArgsText,
  parseDockerArgs,
  type DockerSubcommand,
} from './dockerflags';
import { findContainer, listContainers } from '../shell/containers';
import { settleContainers } from './dockerd/daemon';
import { podImage } from '../shell/location';

export type { DockerSubcommand };

const SHELLS = new Set(['bash', 'sh', 'zsh', 'ash']);

/** Tools nicolaka/netshoot ships that netlab does not run inside a `docker run` container. */
const NETSHOOT_ONLY = new Set([
  'iptables',
  'ip6tables',
  'iptables-save',
  'ipvsadm',
  'ipset',
  'conntrack',
  'tcpdump',
  'nft',
]);

/** Where `docker exec CONTAINER` runs: a kind node, or one of the learner's own containers. */
function execLocation(ctx: CommandContext, name: string, privileged: boolean): LocationRef | string {
  if (containerNames(ctx).includes(name)) return { kind: 'node', node: name };
  settleContainers(ctx.emulator);
  const c = findContainer(ctx.emulator, name);
  if (!c) return `Error response from daemon: No such container: ${name}\n`;
  if (!c.State.Running) return `Error response from daemon: container ${c.ID} is not running\n`; // UNCONFIRMED wording
  return { kind: 'container', name: c.Name.slice(1), ...(privileged ? { privileged: true } : {}) };
}

const dockerExec: DockerSubcommand = async (ctx, args) => {
  let p;
  try {
    p = parseDockerArgs(args, EXEC_FLAGS);
  } catch (e) {
    if (!(e instanceof DockerUsageError)) throw e;
    ctx.stderr.write(flagErrorText('exec', EXEC_FLAGS, e.message));
    return 125;
  }
  if (p.positional.length < 2) {
    ctx.stderr.write(missingArgsText('exec', EXEC_FLAGS, 'at least 2 arguments'));
    return 1;
  }
  const unmodelled = p.seen.find((f) => !['interactive', 'tty', 'env', 'privileged'].includes(f));
  if (unmodelled) {
    ctx.stderr.write(`netlab: docker exec --${unmodelled} is not emulated\n`);
    return 1;
  }
  const interactive = p.values.get('interactive') === true;
  const tty = p.values.get('tty') === true;
  const env: Record<string, string> = {};
  for (const kv of flagList(p, 'env')) {
    const eq = kv.indexOf('=');
    if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  const name = p.positional[0]!;
  const argv = p.positional.slice(1);
  const where = execLocation(ctx, name, p.values.get('privileged') === true);
  if (typeof where === 'string') {
    ctx.stderr.write(where);
    return 1;
  }
  const location = where;
  const cmd = argv[0]!;
  const base = cmd.slice(cmd.lastIndexOf('/') + 1);
  const spec = ctx.emulator.commands.get(base === 'ash' ? 'sh' : base);
  if (!spec || !isAvailable(spec, ctx.emulator, location)) {
    if (
      location.kind === 'container' &&
      NETSHOOT_ONLY.has(base) &&
      /netshoot/.test(podImage(ctx.emulator, location) ?? '')
    ) {
      ctx.stderr.write(`netlab: ${base} inside a docker run container is not emulated\n`);
      return 1;
    }
    ctx.stderr.write(
      `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown\n`,
    );
    return 127;
  }
  if (SHELLS.has(base) && argv.length === 1) {
    // A shell with no script: interactive with -it, reads piped stdin with -i, else exits at once.
    if (interactive && tty) {
      ctx.shell.enter(location, base === 'ash' ? 'sh' : base);
      return 0;
    }
    if (interactive && ctx.stdin)
      return ctx.shell.runScript(ctx.stdin, { location, stdout: ctx.stdout, stderr: ctx.stderr, env });
    return 0;
  }
  return ctx.shell.runCommand(argv, {
    location,
    stdin: interactive ? ctx.stdin : '',
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    env,
  });
};

const SUBCOMMANDS: Readonly<Record<string, DockerSubcommand>> = {
  exec: dockerExec,
  inspect: dockerInspect,
  logs: dockerLogs,
  ps: dockerPs,
  rm: dockerRm,
  run: dockerRun,
  stop: dockerStop,
};
const SUBCOMMAND_NAMES = Object.keys(SUBCOMMANDS).sort();

export const dockerCommand: CommandSpec = {
  name: 'docker',
  summary:
    "docker on the host: the cluster's nodes are its containers (docker exec [-it] NODE CMD), and docker run starts your own",
  usage:
    'docker exec [-it] CONTAINER COMMAND [ARG...] | docker run [OPTIONS] IMAGE [COMMAND] | docker ps | docker rm -f NAME',
  availableIn: ['host'],
  subcommands: SUBCOMMAND_NAMES,
  complete(ctx) {
    if (!['exec', 'rm', 'stop', 'logs', 'inspect'].includes(ctx.words[1] ?? '')) return [];
    return [...containerNames(ctx), ...listContainers(ctx.emulator).map((c) => c.Name.slice(1))];
  },
  run(ctx) {
    const [sub, ...args] = ctx.argv.slice(1);
    if (!sub) {
      ctx.stdout.write(`\nUsage:  docker [OPTIONS] COMMAND\n\nEmulated here: ${SUBCOMMAND_NAMES.join(', ')}\n`);
      return 0;
    }
    const run = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!run) {
      ctx.stderr.write(`netlab: docker ${sub} is not emulated\n`);
      return 1;
    }
    return run(ctx, args);
  },
};

/**
 * `docker` on the host. The cluster's nodes are its containers (kind runs each node as one), so
 * `docker exec NODE CMD` runs CMD at that node and `docker exec -it NODE bash` enters its shell.
 * Subcommands live in one table (`SUBCOMMANDS`): a new one is a function in its own module, listed there.
 */
import { isAvailable } from '../shell/commandtable';
import type { CommandContext, CommandResult, LocationRef, CommandSpec } from '../shell/types';
import { containerNames, dockerInspect, dockerPs } from './docker-ps';

/** One `docker SUBCOMMAND`: its arguments after the subcommand's name. */
export type DockerSubcommand = (ctx: CommandContext, args: string[]) => CommandResult;

const SHELLS = new Set(['bash', 'sh', 'zsh', 'ash']);

const EXEC_USAGE = `"docker exec" requires at least 2 arguments.
See 'docker exec --help'.

Usage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]

Execute a command in a running container
`;

const dockerExec: DockerSubcommand = async (ctx, args) => {
  let interactive = false;
  let tty = false;
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const a = args[i]!;
    if (a === '-e' || a === '--env') {
      const kv = args[++i] ?? '';
      const eq = kv.indexOf('=');
      if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (a === '-u' || a === '--user' || a === '-w' || a === '--workdir') i++;
    else if (/^-[itd]+$/.test(a)) {
      interactive ||= a.includes('i');
      tty ||= a.includes('t');
    } else if (a === '--interactive') interactive = true;
    else if (a === '--tty') tty = true;
    else {
      ctx.stderr.write(`unknown shorthand flag: '${a.replace(/^-+/, '')[0]}' in ${a}\nSee 'docker exec --help'.\n`);
      return 125;
    }
  }
  const name = args[i];
  const argv = args.slice(i + 1);
  if (!name || argv.length === 0) {
    ctx.stderr.write(EXEC_USAGE);
    return 1;
  }
  if (!containerNames(ctx).includes(name)) {
    ctx.stderr.write(`Error response from daemon: No such container: ${name}\n`);
    return 1;
  }
  const location: LocationRef = { kind: 'node', node: name };
  const cmd = argv[0]!;
  const base = cmd.slice(cmd.lastIndexOf('/') + 1);
  const spec = ctx.emulator.commands.get(base === 'ash' ? 'sh' : base);
  if (!spec || !isAvailable(spec, ctx.emulator, location)) {
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
  ps: dockerPs,
};
const SUBCOMMAND_NAMES = Object.keys(SUBCOMMANDS).sort();

export const dockerCommand: CommandSpec = {
  name: 'docker',
  summary: "docker on the host: the cluster's nodes are its containers (docker exec [-it] NODE CMD)",
  usage: 'docker exec [-it] CONTAINER COMMAND [ARG...]',
  availableIn: ['host'],
  subcommands: SUBCOMMAND_NAMES,
  complete(ctx) {
    return ctx.words[1] === 'exec' ? containerNames(ctx) : [];
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

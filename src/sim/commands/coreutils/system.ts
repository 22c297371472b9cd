/** Small system commands: help, clear, env, whoami, id, sudo, and the shells bash/sh/zsh. */
import { isAvailable } from '../../shell/commandtable';
import type { CommandContext, LocationRef, CommandSpec } from '../../shell/types';
import { SPECIAL_BUILTINS } from '../../shell/special';
import { hostnameAt, userAt, isBusyboxImage, podImage } from '../../shell/location';
import { accountAt, isEc2Node, type Account } from '../../shell/accounts';
import { readInput } from './util';

export const helpCommand: CommandSpec = {
  name: 'help',
  summary: 'list the commands emulated here, or show how to use one (help NAME)',
  usage: 'help [NAME]',
  builtin: true,
  run(ctx) {
    const name = ctx.argv[1];
    if (name) {
      const spec = ctx.emulator.commands.get(name);
      const special = SPECIAL_BUILTINS[name];
      if (special) {
        ctx.stdout.write(`${name}: ${special.usage}\n    ${special.summary}\n`);
        return 0;
      }
      if (!spec || !isAvailable(spec, ctx.emulator, ctx.location)) {
        ctx.stderr.write(
          `${ctx.shell.shellName()}: help: no help topics match \`${name}'.  Try \`help help' or \`man -k ${name}' or \`info ${name}'.\n`,
        );
        return 1;
      }
      ctx.stdout.write(`${spec.name}: ${spec.usage ?? spec.name}\n    ${spec.summary}\n`);
      if (spec.subcommands?.length) ctx.stdout.write(`\nSubcommands: ${spec.subcommands.join(', ')}\n`);
      if (spec.flags?.length) {
        ctx.stdout.write('\nOptions:\n');
        for (const f of spec.flags)
          ctx.stdout.write(`  ${(f.names.join(', ') + (f.value ? ' VALUE' : '')).padEnd(28)} ${f.description}\n`);
      }
      return 0;
    }
    const here = ctx.emulator.commands.all().filter((c) => isAvailable(c, ctx.emulator, ctx.location));
    const where =
      ctx.location.kind === 'host'
        ? 'the host (your machine)'
        : ctx.location.kind === 'node'
          ? `node ${ctx.location.node}`
          : ctx.location.kind === 'container'
            ? `container ${ctx.location.name}`
            : `pod ${ctx.location.namespace}/${ctx.location.pod}`;
    ctx.stdout.write(`Commands emulated in ${where}:\n\n`);
    const rows = [
      ...here.map((c) => [c.name, c.summary] as const),
      ...Object.entries(SPECIAL_BUILTINS).map(([n, s]) => [n, s.summary] as const),
    ].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const [n, s] of rows) ctx.stdout.write(`  ${n.padEnd(14)} ${s}\n`);
    ctx.stdout.write(
      `\nShell: pipes, ; && ||, variables, $(...), loops (for/while/until), if/case, heredocs, redirections.\n'help NAME' shows a command's usage.\n`,
    );
    return 0;
  },
};

export const clearCommand: CommandSpec = {
  name: 'clear',
  summary: 'clear the terminal screen',
  run(ctx) {
    ctx.shell.clearScreen();
    return 0;
  },
};

export const envCommand: CommandSpec = {
  name: 'env',
  summary: 'print the environment, or run a command with extra variables (env A=1 CMD)',
  usage: 'env [NAME=VALUE]... [COMMAND [ARG]...]',
  async run(ctx) {
    const args = ctx.argv.slice(1);
    const extra: Record<string, string> = {};
    while (args[0] && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[0])) {
      const a = args.shift()!;
      const eq = a.indexOf('=');
      extra[a.slice(0, eq)] = a.slice(eq + 1);
    }
    if (args.length === 0) {
      for (const [k, v] of Object.entries({ ...ctx.env, ...extra })) ctx.stdout.write(`${k}=${v}\n`);
      return 0;
    }
    return ctx.shell.runCommand(args, {
      stdin: ctx.stdin,
      stdout: ctx.stdout,
      stderr: ctx.stderr,
      env: { ...ctx.env, ...extra },
    });
  },
};

// `hostname` lives in ../hostname.ts (it needs the network namespace for -i and -I).

export const whoamiCommand: CommandSpec = {
  name: 'whoami',
  summary: 'print the current user',
  run(ctx) {
    ctx.stdout.write(userAt(ctx.location) + '\n');
    return 0;
  },
};

export const idCommand: CommandSpec = {
  name: 'id',
  summary: 'print user and group ids: id [-u|-g|-G] [-n] [USER]',
  usage: 'id [-u|-g|-G] [-n] [USER]',
  run(ctx) {
    let only: 'u' | 'g' | 'G' | undefined;
    let names = false;
    const operands: string[] = [];
    for (const a of ctx.argv.slice(1)) {
      if (/^-[ugGn]+$/.test(a)) {
        for (const f of a.slice(1))
          if (f === 'n') names = true;
          else only = f as 'u' | 'g' | 'G';
      } else if (a.startsWith('-')) {
        ctx.stderr.write(`netlab: id ${a} is not emulated\n`);
        return 1;
      } else operands.push(a);
    }
    if (names && !only) {
      ctx.stderr.write('id: cannot print only names or real IDs in default format\n');
      return 1;
    }
    const name = operands[0] ?? userAt(ctx.location);
    const account = accountAt(ctx.location, name);
    if (!account) {
      ctx.stderr.write(`id: ‘${name}’: no such user\n`);
      return 1;
    }
    ctx.stdout.write(formatId(account, only, names) + '\n');
    return 0;
  },
};

/** `id`'s answer: `uid=1000(ec2-user) gid=1000(ec2-user) groups=1000(ec2-user),4(adm),...`, or one part of it. */
export function formatId(a: Account, only: 'u' | 'g' | 'G' | undefined, names: boolean): string {
  // The primary group has the user's name on every machine emulated here (user private groups).
  const groups: Array<[number, string]> = [[a.gid, a.name], ...a.groups];
  if (only === 'u') return names ? a.name : String(a.uid);
  if (only === 'g') return names ? a.name : String(a.gid);
  if (only === 'G') return groups.map(([id, n]) => (names ? n : String(id))).join(' ');
  return `uid=${a.uid}(${a.name}) gid=${a.gid}(${a.name}) groups=${groups.map(([id, n]) => `${id}(${n})`).join(',')}`;
}

export const sudoCommand: CommandSpec = {
  name: 'sudo',
  summary: 'run a command as root: sudo COMMAND, or sudo -i for a root shell',
  usage: 'sudo [-i|-s] [COMMAND [ARG]...]',
  // The learner's machine and EC2 instances (ec2-user uses sudo); kind node images have none.
  availableIn: ({ location }) => location.kind === 'host' || isEc2Node(location),
  async run(ctx) {
    const args = ctx.argv.slice(1);
    let shell = false;
    while (args[0]?.startsWith('-')) {
      const a = args.shift()!;
      if (a === '--') break;
      if (a === '-i' || a === '-s' || a === '--login' || a === '--shell') shell = true;
      else if (a.startsWith('-u') || a === '--user' || a.startsWith('--user=')) {
        ctx.stderr.write('netlab: sudo -u is not emulated (sudo runs commands as root)\n');
        return 1;
      }
    }
    // root at the same machine: a location of its own, so whoami, id, $HOME and the prompt follow.
    const root: LocationRef =
      ctx.location.kind === 'pod' || ctx.location.kind === 'container'
        ? ctx.location
        : { ...ctx.location, user: 'root' };
    if (!args.length && shell) {
      ctx.shell.enter(root, 'bash');
      return 0;
    }
    if (!args.length) {
      ctx.stderr.write(
        'usage: sudo -h | -K | -k | -V\nusage: sudo [-AbEHknPS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s] [command [arg ...]]\n',
      );
      return 1;
    }
    if (shell)
      return ctx.shell.runScript(args.join(' '), {
        location: root,
        stdin: ctx.stdin,
        stdout: ctx.stdout,
        stderr: ctx.stderr,
      });
    // sudo keeps the working directory; the environment is root's (env_reset).
    return ctx.shell.runCommand(args, {
      location: root,
      cwd: ctx.cwd,
      stdin: ctx.stdin,
      stdout: ctx.stdout,
      stderr: ctx.stderr,
    });
  },
};

/** Whether a shell binary exists at a location: busybox images only have sh, zsh only in netshoot-like pods. */
function shellAvailable(name: string, emu: CommandContext['emulator'], loc: LocationRef): boolean {
  if (name === 'sh') return true;
  const image = podImage(emu, loc);
  if (isBusyboxImage(image)) return false;
  if (name === 'zsh') return (loc.kind === 'pod' || loc.kind === 'container') && /netshoot/.test(image ?? '');
  return true;
}

export const shellCommands: CommandSpec[] = ['bash', 'sh', 'zsh'].map((name): CommandSpec => ({
  name,
  summary: `the ${name} shell: ${name} -c 'COMMANDS', ${name} FILE, or ${name} alone to start a nested shell`,
  usage: `${name} [-c COMMAND [NAME [ARG]...]] [FILE [ARG]...]`,
  availableIn: ({ emulator, location }) => shellAvailable(name, emulator, location),
  async run(ctx) {
    const args = ctx.argv.slice(1).filter((a) => a !== '-i' && a !== '-l' && a !== '--login');
    if (args[0] === '-c') {
      if (args[1] === undefined) {
        ctx.stderr.write(`${name}: -c: option requires an argument\n`);
        return 2;
      }
      return ctx.shell.runScript(args[1], {
        stdin: ctx.stdin,
        stdout: ctx.stdout,
        stderr: ctx.stderr,
        shell: name,
        args: args.slice(3),
      });
    }
    if (args[0] && !args[0].startsWith('-')) {
      const text = readInput(ctx, args[0], name);
      if (text === null) return 127;
      return ctx.shell.runScript(text, {
        stdin: ctx.stdin,
        stdout: ctx.stdout,
        stderr: ctx.stderr,
        shell: name,
        args: args.slice(1),
      });
    }
    if (ctx.stdin !== '')
      return ctx.shell.runScript(ctx.stdin, { stdout: ctx.stdout, stderr: ctx.stderr, shell: name });
    ctx.shell.enter(ctx.location, name);
    return 0;
  },
}));

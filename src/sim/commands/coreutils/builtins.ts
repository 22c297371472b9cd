/**
 * The shell builtins that are ordinary commands (they work through CommandContext and ShellApi):
 * cd, pwd, export, unset, alias, unalias, history, read, true, false, `:`, type.
 * Builtins that change the running shell's control flow (exit, break, source...) live in the interpreter.
 */
import type { CommandContext, CommandSpec } from '../../shell/types';
import { FS_ERROR_TEXT, resolvePath, homeDir } from '../../shell/vfs';
import { isAvailable } from '../../shell/commandtable';

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function sh(ctx: CommandContext): string {
  return ctx.shell.shellName();
}

export const cdCommand: CommandSpec = {
  name: 'cd',
  summary: 'change the current directory (cd, cd ~, cd -, cd DIR)',
  usage: 'cd [dir]',
  builtin: true,
  run(ctx) {
    const args = ctx.argv.slice(1).filter((a, i) => !(i === 0 && (a === '-L' || a === '-P')));
    if (args.length > 1) {
      ctx.stderr.write(`${sh(ctx)}: cd: too many arguments\n`);
      return 1;
    }
    let target = args[0] ?? ctx.env.HOME ?? homeDir(ctx.location);
    if (target === '-') {
      const old = ctx.shell.getVar('OLDPWD');
      if (!old) {
        ctx.stderr.write(`${sh(ctx)}: cd: OLDPWD not set\n`);
        return 1;
      }
      target = old;
      ctx.stdout.write(old + '\n');
    }
    const path = resolvePath(ctx.cwd, target);
    const st = ctx.emulator.files.stat(ctx.location, path);
    if (!st || st.type !== 'dir') {
      const why = st ? FS_ERROR_TEXT.ENOTDIR : FS_ERROR_TEXT.ENOENT;
      ctx.stderr.write(
        sh(ctx) === 'sh' ? `sh: cd: can't cd to ${target}: ${why}\n` : `${sh(ctx)}: cd: ${target}: ${why}\n`,
      );
      return 1;
    }
    ctx.setCwd(path);
    return 0;
  },
};

export const pwdCommand: CommandSpec = {
  name: 'pwd',
  summary: 'print the current directory',
  builtin: true,
  run(ctx) {
    ctx.stdout.write(ctx.cwd + '\n');
    return 0;
  },
};

export const exportCommand: CommandSpec = {
  name: 'export',
  summary: 'export variables to commands (export NAME=value, export -p)',
  usage: 'export [-p] [name[=value] ...]',
  builtin: true,
  run(ctx) {
    const args = ctx.argv.slice(1).filter((a) => a !== '-p' && a !== '--');
    if (args.length === 0) {
      for (const [k, v] of Object.entries(ctx.shell.exported()))
        ctx.stdout.write(`declare -x ${k}="${v.replace(/(["\\$`])/g, '\\$1')}"\n`);
      return 0;
    }
    let status = 0;
    for (const a of args) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!NAME_RE.test(name)) {
        ctx.stderr.write(`${sh(ctx)}: export: \`${a}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      if (eq >= 0) ctx.shell.setVar(name, a.slice(eq + 1), true);
      else ctx.shell.exportVar(name);
    }
    return status;
  },
};

export const unsetCommand: CommandSpec = {
  name: 'unset',
  summary: 'remove variables',
  usage: 'unset [-v] name ...',
  builtin: true,
  run(ctx) {
    for (const a of ctx.argv.slice(1)) if (!a.startsWith('-')) ctx.shell.unsetVar(a);
    return 0;
  },
};

export const aliasCommand: CommandSpec = {
  name: 'alias',
  summary: 'define or list aliases (alias k=kubectl is preset)',
  usage: 'alias [name[=value] ...]',
  builtin: true,
  run(ctx) {
    const table = ctx.shell.aliases();
    const args = ctx.argv.slice(1).filter((a) => a !== '-p');
    const show = (k: string) => ctx.stdout.write(`alias ${k}=${quoteAlias(table.get(k)!)}\n`);
    if (args.length === 0) {
      for (const k of [...table.keys()].sort()) show(k);
      return 0;
    }
    let status = 0;
    for (const a of args) {
      const eq = a.indexOf('=');
      if (eq > 0) table.set(a.slice(0, eq), a.slice(eq + 1));
      else if (table.has(a)) show(a);
      else {
        ctx.stderr.write(`${sh(ctx)}: alias: ${a}: not found\n`);
        status = 1;
      }
    }
    return status;
  },
};

/** bash prints alias values in single quotes always. */
function quoteAlias(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

export const unaliasCommand: CommandSpec = {
  name: 'unalias',
  summary: 'remove aliases',
  usage: 'unalias [-a] name ...',
  builtin: true,
  run(ctx) {
    const table = ctx.shell.aliases();
    let status = 0;
    for (const a of ctx.argv.slice(1)) {
      if (a === '-a') table.clear();
      else if (!table.delete(a)) {
        ctx.stderr.write(`${sh(ctx)}: unalias: ${a}: not found\n`);
        status = 1;
      }
    }
    return status;
  },
};

export const historyCommand: CommandSpec = {
  name: 'history',
  summary: 'list the commands typed in this terminal (history N: the last N)',
  usage: 'history [n]',
  builtin: true,
  run(ctx) {
    const all = ctx.shell.history();
    const n = ctx.argv[1] !== undefined ? Number(ctx.argv[1]) : all.length;
    if (!Number.isInteger(n) || n < 0) {
      ctx.stderr.write(`${sh(ctx)}: history: ${ctx.argv[1]}: numeric argument required\n`);
      return 1;
    }
    const from = Math.max(0, all.length - n);
    for (let i = from; i < all.length; i++) ctx.stdout.write(`${String(i + 1).padStart(5)}  ${all[i]}\n`);
    return 0;
  },
};

export const readCommand: CommandSpec = {
  name: 'read',
  summary: 'read a line from stdin into variables (read [-r] NAME...)',
  usage: 'read [-r] [-p prompt] [name ...]',
  builtin: true,
  run(ctx) {
    const args = ctx.argv.slice(1);
    let raw = false;
    const names: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-r') raw = true;
      else if (a === '-p') ctx.stderr.write(args[++i] ?? '');
      else if (a.startsWith('-')) continue;
      else names.push(a);
    }
    if (!names.length) names.push('REPLY');
    if (ctx.stdin === '') return 1;
    const nl = ctx.stdin.indexOf('\n');
    ctx.shell.consumeStdin?.(nl < 0 ? ctx.stdin.length : nl + 1);
    let line = nl < 0 ? ctx.stdin : ctx.stdin.slice(0, nl);
    if (!raw) line = line.replace(/\\(.)/g, '$1');
    const ifs = ctx.shell.getVar('IFS') ?? ' \t\n';
    const fields = names.length === 1 ? [line.trim()] : splitIfs(line, ifs, names.length);
    names.forEach((n, i) => ctx.shell.setVar(n, fields[i] ?? ''));
    return nl < 0 ? 1 : 0;
  },
};

function splitIfs(line: string, ifs: string, max: number): string[] {
  const out: string[] = [];
  let rest = line.replace(/^[ \t]+/, '');
  while (out.length < max - 1 && rest) {
    let i = 0;
    while (i < rest.length && !ifs.includes(rest[i]!)) i++;
    out.push(rest.slice(0, i));
    rest = rest.slice(i).replace(/^[ \t]*/, '');
    if (rest && ifs.includes(rest[0]!) && !/\s/.test(rest[0]!)) rest = rest.slice(1).replace(/^[ \t]*/, '');
  }
  out.push(rest.replace(/[ \t]+$/, ''));
  return out;
}

export const trueFalseCommands: CommandSpec[] = (
  [
    ['true', 0],
    ['false', 1],
    [':', 0],
  ] as const
).map(([name, status]) => ({
  name,
  summary: name === 'false' ? 'do nothing, unsuccessfully (exit 1)' : 'do nothing, successfully (exit 0)',
  builtin: true,
  run: () => status,
}));

export const typeCommand: CommandSpec = {
  name: 'type',
  summary: 'say what a name is: alias, keyword, function, builtin or file',
  usage: 'type name ...',
  builtin: true,
  run(ctx) {
    let status = 0;
    for (const n of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) {
      const alias = ctx.shell.aliases().get(n);
      const spec = ctx.emulator.commands.get(n);
      if (alias !== undefined) ctx.stdout.write(`${n} is aliased to \`${alias}'\n`);
      else if (ctx.shell.isKeyword(n)) ctx.stdout.write(`${n} is a shell keyword\n`);
      else if (ctx.shell.functions().includes(n)) ctx.stdout.write(`${n} is a function\n`);
      else if (ctx.shell.isSpecialBuiltin(n) || (spec?.builtin && isAvailable(spec, ctx.emulator, ctx.location)))
        ctx.stdout.write(`${n} is a shell builtin\n`);
      else if (spec && isAvailable(spec, ctx.emulator, ctx.location)) ctx.stdout.write(`${n} is ${binPath(n)}\n`);
      else {
        ctx.stderr.write(`${sh(ctx)}: type: ${n}: not found\n`);
        status = 1;
      }
    }
    return status;
  },
};

/** Where a command's binary lives, as `which` prints it. */
export function binPath(name: string): string {
  return ['ip', 'iptables', 'iptables-save', 'ipvsadm', 'ipset', 'conntrack', 'sysctl'].includes(name)
    ? `/usr/sbin/${name}`
    : `/usr/bin/${name}`;
}

export const whichCommand: CommandSpec = {
  name: 'which',
  summary: 'show where a command is',
  usage: 'which name ...',
  run(ctx) {
    let status = 0;
    for (const n of ctx.argv.slice(1)) {
      const spec = ctx.emulator.commands.get(n);
      if (spec && !spec.builtin && isAvailable(spec, ctx.emulator, ctx.location)) ctx.stdout.write(binPath(n) + '\n');
      else if (spec?.builtin && ['echo', 'printf', 'true', 'false', 'pwd', 'test', '['].includes(n))
        ctx.stdout.write(`/usr/bin/${n}\n`);
      else status = 1;
    }
    return status;
  },
};

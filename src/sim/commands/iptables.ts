/**
 * `iptables` and `iptables-save` (iptables-nft 1.8.9, as on a kind node): list, save and edit the
 * netfilter tables of the namespace the shell runs in. The tables are the ones kube-proxy, kindnet
 * and kubelet wrote and that packets walk, so what a learner inserts really changes traffic.
 */
import type { CommandContext, CommandSpec } from '../shell/types';
import {
  IptablesError,
  Netfilter as NetfilterClass,
  TABLE_NAMES,
  type Netfilter,
  type Policy,
  type TableName,
} from '../net/netfilter';
import { parameterProblem, parseRuleSpec, splitRuleLine } from '../net/ruleparse';
import { saveRuleSpec } from '../net/rulefmt';
import { iptablesSave, listRulesL, listRulesS } from '../net/dump';
import { netnsFor } from '../net/locate';

export interface IptablesRun {
  stdout: string;
  stderr: string;
  code: number;
}

type Command = 'A' | 'I' | 'D' | 'R' | 'C' | 'N' | 'X' | 'F' | 'P' | 'Z' | 'L' | 'S' | 'E' | 'h' | 'V';

const LONG_COMMANDS: Record<string, Command> = {
  '--append': 'A',
  '--insert': 'I',
  '--delete': 'D',
  '--replace': 'R',
  '--check': 'C',
  '--new-chain': 'N',
  '--new': 'N',
  '--delete-chain': 'X',
  '--flush': 'F',
  '--policy': 'P',
  '--zero': 'Z',
  '--list': 'L',
  '--list-rules': 'S',
  '--rename-chain': 'E',
  '--help': 'h',
  '--version': 'V',
};
const COMMAND_LETTERS = new Set('AIDRCNXFPZLSEhV');
const FLAG_LETTERS = new Set('nvx');

const VERSION = 'iptables v1.8.9 (nf_tables)';

const isNumber = (s: string | undefined): boolean => s !== undefined && /^\d+$/.test(s);

/** Runs one iptables command line against `nf`; pure apart from editing `nf`. */
export function runIptables(args: readonly string[], nf: Netfilter): IptablesRun {
  try {
    return { stdout: execute([...args], nf), stderr: '', code: 0 };
  } catch (e) {
    if (e instanceof IptablesError) return { stdout: '', stderr: `${e.message}\n`, code: e.exitCode };
    throw e;
  }
}

function execute(args: string[], nf: Netfilter): string {
  let table: TableName = 'filter';
  let command: Command | undefined;
  const positional: string[] = [];
  const rest: string[] = [];
  let numeric = false;
  let verbose = false;
  let exact = false;
  let lineNumbers = false;
  let alsoZero = false;
  const setCommand = (c: Command): void => {
    if (c === 'Z' && (command === 'L' || command === 'S')) return void (alsoZero = true);
    if ((c === 'L' || c === 'S') && command === 'Z') {
      alsoZero = true;
      command = c;
      return;
    }
    if (command && command !== c) throw parameterProblem('Cannot use multiple commands'); // UNCONFIRMED text
    command = c;
  };
  // Words right after the command letter are its chain and number; the rest is the rule spec.
  let takeCommandArgs = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (takeCommandArgs && !a.startsWith('-') && a !== '!') {
      positional.push(a);
      continue;
    }
    takeCommandArgs = false;
    if (a === '-t' || a === '--table') {
      const t = args[++i];
      if (t === undefined) throw parameterProblem(`option "${a}" requires an argument`);
      if (!(TABLE_NAMES as readonly string[]).includes(t)) {
        // UNCONFIRMED exact nft-era wording and status.
        throw new IptablesError(
          `${VERSION}: table '${t}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`,
          3,
        );
      }
      table = t as TableName;
    } else if (a === '-n' || a === '--numeric') numeric = true;
    else if (a === '-v' || a === '--verbose') verbose = true;
    else if (a === '-x' || a === '--exact') exact = true;
    else if (a === '--line-numbers') lineNumbers = true;
    else if (a === '-w' || a === '--wait') {
      if (isNumber(args[i + 1])) i++;
    } else if (LONG_COMMANDS[a]) {
      setCommand(LONG_COMMANDS[a]!);
      takeCommandArgs = true;
    } else if (
      /^-[A-Za-z]{1,}$/.test(a) &&
      [...a.slice(1)].every((c) => COMMAND_LETTERS.has(c) || FLAG_LETTERS.has(c))
    ) {
      // Clustered short options: -nvL, -L, -vnxL ...
      for (const c of a.slice(1)) {
        if (c === 'n') numeric = true;
        else if (c === 'v') verbose = true;
        else if (c === 'x') exact = true;
        else setCommand(c as Command);
      }
      takeCommandArgs = [...a.slice(1)].some((c) => COMMAND_LETTERS.has(c));
    } else rest.push(a);
  }
  if (!command) throw parameterProblem('no command specified');
  if (command === 'V') return `${VERSION}\n`;
  if (command === 'h')
    return `${VERSION}\n\nUsage: iptables -[ACD] chain rule-specification [options]\n       iptables -I chain [rulenum] rule-specification [options]\n       iptables -R chain rulenum rule-specification [options]\n       iptables -D chain rulenum [options]\n       iptables -[LS] [chain [rulenum]] [options]\n       iptables -[FZ] [chain] [options]\n       iptables -[NX] chain\n       iptables -E old-chain-name new-chain-name\n       iptables -P chain target [options]\n       iptables -h (print this help information)\n`;

  const chain = positional[0];
  const needChain = (): string => {
    if (chain === undefined) throw parameterProblem(`option "-${command}" requires an argument`);
    return chain;
  };
  const noRuleSpec = (): void => {
    if (rest.length > 0)
      throw parameterProblem(
        rest[0]!.startsWith('-') ? `Illegal option \`${rest[0]}' with this command` : `Bad argument \`${rest[0]}'`,
      );
  };
  const spec = (): ReturnType<typeof parseRuleSpec> => parseRuleSpec(rest);

  switch (command) {
    case 'A':
      nf.append(table, needChain(), spec());
      return '';
    case 'I': {
      const c = needChain();
      const pos = positional[1] !== undefined ? Number(positional[1]) : 1;
      if (positional[1] !== undefined && !isNumber(positional[1]))
        throw parameterProblem(`Bad argument \`${positional[1]}'`);
      nf.insert(table, c, spec(), pos);
      return '';
    }
    case 'R': {
      const c = needChain();
      if (!isNumber(positional[1])) throw parameterProblem('-R requires a rule number'); // UNCONFIRMED text
      nf.replace(table, c, Number(positional[1]), spec());
      return '';
    }
    case 'D': {
      const c = needChain();
      if (positional[1] !== undefined) {
        if (!isNumber(positional[1])) throw parameterProblem(`Bad argument \`${positional[1]}'`);
        noRuleSpec();
        nf.deleteAt(table, c, Number(positional[1]));
      } else nf.deleteMatching(table, c, spec(), saveRuleSpec);
      return '';
    }
    case 'C': {
      const c = needChain();
      if (nf.indexOf(table, c, spec(), saveRuleSpec) < 0)
        throw new IptablesError('iptables: Bad rule (does a matching rule exist in that chain?).');
      return '';
    }
    case 'N': {
      const c = needChain();
      noRuleSpec();
      if (c.length > 28) throw parameterProblem(`chain name \`${c}' too long (must be under 29 chars)`);
      if (['ACCEPT', 'DROP', 'REJECT', 'RETURN', 'QUEUE'].includes(c) || nf.isBuiltin(table, c))
        throw parameterProblem(`chain name \`${c}' not allowed`); // UNCONFIRMED text
      nf.newChain(table, c);
      return '';
    }
    case 'X':
      noRuleSpec();
      nf.deleteChain(table, chain);
      return '';
    case 'F':
      noRuleSpec();
      nf.flush(table, chain);
      return '';
    case 'Z':
      noRuleSpec();
      nf.zero(table, chain);
      return '';
    case 'P': {
      const c = needChain();
      noRuleSpec();
      const policy = positional[1];
      if (policy === undefined) throw parameterProblem('-P requires a chain and a policy');
      if (policy !== 'ACCEPT' && policy !== 'DROP') throw new IptablesError('iptables: Bad policy name.'); // UNCONFIRMED text
      nf.setPolicy(table, c, policy as Policy);
      return '';
    }
    case 'E': {
      const c = needChain();
      const to = positional[1];
      if (to === undefined) throw parameterProblem('-E requires old-chain-name and new-chain-name');
      renameChain(nf, table, c, to);
      return '';
    }
    case 'S': {
      noRuleSpec();
      const out = listRulesS(nf, table, chain, verbose);
      if (alsoZero) nf.zero(table, chain);
      return out;
    }
    case 'L': {
      noRuleSpec();
      const out = listRulesL(nf, table, chain, { numeric, verbose, exact, lineNumbers });
      if (alsoZero) nf.zero(table, chain);
      return out;
    }
  }
}

function renameChain(nf: Netfilter, table: TableName, from: string, to: string): void {
  const c = nf.requireChain(table, from);
  if (nf.isBuiltin(table, from)) throw new IptablesError('iptables: Invalid argument.'); // UNCONFIRMED
  if (nf.chain(table, to)) throw new IptablesError('iptables: File exists.');
  const chains = nf.table(table).chains;
  delete chains[from];
  c.name = to;
  Object.defineProperty(chains, to, { value: c, enumerable: true, writable: true, configurable: true });
  // Rules may share target objects (kube-proxy's parsed-rule cache): replace, never edit in place.
  for (const ch of Object.values(chains))
    for (const r of ch.rules)
      if (r.target?.kind === 'jump' && r.target.chain === from) r.target = { ...r.target, chain: to };
}

/** Runs `iptables-save [-t TABLE] [-c]` against `nf`. */
export function runIptablesSave(args: readonly string[], nf: Netfilter, now: number): IptablesRun {
  let table: TableName | undefined;
  let counters = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-c' || a === '--counters') counters = true;
    else if (a === '-t' || a === '--table') {
      const t = args[++i];
      if (t === undefined || !(TABLE_NAMES as readonly string[]).includes(t)) {
        return { stdout: '', stderr: `iptables-save v1.8.9 (nf_tables): table '${t ?? ''}' does not exist\n`, code: 1 }; // UNCONFIRMED text
      }
      table = t as TableName;
    } else if (a === '-V' || a === '--version')
      return { stdout: 'iptables-save v1.8.9 (nf_tables)\n', stderr: '', code: 0 };
    else return { stdout: '', stderr: `iptables-save: unrecognized option '${a}'\n`, code: 1 }; // getopt's wording; UNCONFIRMED exit status
  }
  return { stdout: iptablesSave(nf, { now, counters, ...(table ? { table } : {}) }), stderr: '', code: 0 };
}

/**
 * Runs `iptables-restore [-n|--noflush] [-c|--counters] [-T TABLE] [-t|--test]` on `input` (the
 * iptables-save format). Tables change only at COMMIT and only if every line of the table parsed and
 * applied: a failure leaves the running rules as they were, as iptables-restore's atomic commit does.
 */
export function runIptablesRestore(args: readonly string[], input: string, nf: Netfilter): IptablesRun {
  let noflush = false;
  let counters = false;
  let testOnly = false;
  let onlyTable: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-n' || a === '--noflush') noflush = true;
    else if (a === '-c' || a === '--counters') counters = true;
    else if (a === '-t' || a === '--test') testOnly = true;
    else if (a === '-T' || a === '--table') onlyTable = args[++i];
    else if (a === '-w' || a === '--wait') {
      if (isNumber(args[i + 1])) i++;
    } else return { stdout: '', stderr: `iptables-restore: unrecognized option '${a}'\n`, code: 1 }; // getopt wording; UNCONFIRMED status
  }
  const work = new NetfilterClass(structuredClone(nf.state));
  let table: TableName | undefined;
  const lines = input.split('\n');
  const fail = (lineNo: number, message: string): IptablesRun => ({
    stdout: '',
    stderr: `${message}\nError occurred at line: ${lineNo}\nTry \`iptables-restore -h' or 'iptables-restore --help' for more information.\n`,
    code: 1,
  });
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    const lineNo = n + 1;
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      const name = line.slice(1);
      if (!(TABLE_NAMES as readonly string[]).includes(name))
        return fail(lineNo, `iptables-restore v1.8.9 (nf_tables): table '${name}' does not exist`); // UNCONFIRMED text
      table = name as TableName;
      if (!noflush && (onlyTable === undefined || onlyTable === table)) {
        work.flush(table);
        for (const c of work.userChains(table)) delete work.table(table).chains[c];
      }
      work.table(table).present = true;
      continue;
    }
    if (!table) return fail(lineNo, 'iptables-restore v1.8.9 (nf_tables): no table specified'); // UNCONFIRMED text
    if (onlyTable !== undefined && onlyTable !== table) continue;
    if (line === 'COMMIT') {
      table = undefined;
      continue;
    }
    if (line.startsWith(':')) {
      const m = /^:(\S+)\s+(\S+)(?:\s+\[(\d+):(\d+)\])?$/.exec(line);
      if (!m) return fail(lineNo, 'iptables-restore v1.8.9 (nf_tables): Bad chain line'); // UNCONFIRMED text
      const [, chain, policy, packets, bytes] = m;
      const c = work.ensureChain(table, chain!);
      if (work.isBuiltin(table, chain!)) {
        if (policy !== 'ACCEPT' && policy !== 'DROP')
          return fail(
            lineNo,
            `iptables-restore v1.8.9 (nf_tables): Can't set policy \`${policy}' on \`${chain}' line ${lineNo}: Bad policy name`,
          ); // UNCONFIRMED text
        c.policy = policy;
        if (counters && packets !== undefined) c.counters = { packets: Number(packets), bytes: Number(bytes) };
      } else if (noflush) c.rules = [];
      continue;
    }
    let words = splitRuleLine(line);
    let ruleCounters: { packets: number; bytes: number } | undefined;
    const bracket = /^\[(\d+):(\d+)\]$/.exec(words[0] ?? '');
    if (bracket) {
      ruleCounters = { packets: Number(bracket[1]), bytes: Number(bracket[2]) };
      words = words.slice(1);
    }
    try {
      execute(['-t', table, ...words], work);
    } catch (e) {
      if (e instanceof IptablesError)
        return fail(lineNo, e.message.split('\n')[0]!.replace(/^iptables v/, 'iptables-restore v'));
      throw e;
    }
    if (counters && ruleCounters && (words[0] === '-A' || words[0] === '--append')) {
      const c = work.chain(table, words[1] ?? '');
      const last = c?.rules[c.rules.length - 1];
      if (last) last.counters = ruleCounters;
    }
  }
  if (table) return fail(lines.length, 'iptables-restore v1.8.9 (nf_tables): COMMIT expected'); // UNCONFIRMED text
  if (!testOnly) nf.state = work.state;
  return { stdout: '', stderr: '', code: 0 };
}

function withNetns(ctx: CommandContext, run: (nf: Netfilter) => IptablesRun): number {
  const ns = netnsFor(ctx.emulator, ctx.location);
  if (!ns) {
    ctx.stderr.write(`netlab: ${ctx.argv[0]}: this location's network namespace is not emulated yet\n`);
    return 1;
  }
  const r = run(ns.netfilter);
  if (r.stdout) ctx.stdout.write(r.stdout);
  if (r.stderr) ctx.stderr.write(r.stderr);
  return r.code;
}

const TABLE_FLAG = {
  names: ['-t', '--table'],
  value: true,
  description: 'table to manipulate (default: filter)',
  values: ['filter', 'nat', 'mangle', 'raw'],
};

export const iptablesCommands: CommandSpec[] = ['iptables', 'iptables-nft'].map((name): CommandSpec => ({
  name,
  summary: 'administration tool for IPv4 packet filtering and NAT (nf_tables backend)',
  usage: 'iptables [-t table] -[ACDILSFZXNPER] [chain] [rule-specification]',
  availableIn: ['node'],
  flags: [
    TABLE_FLAG,
    { names: ['-L', '--list'], description: 'list the rules in a chain or all chains' },
    { names: ['-S', '--list-rules'], description: 'print the rules in a chain or all chains' },
    { names: ['-A', '--append'], description: 'append to chain' },
    { names: ['-I', '--insert'], description: 'insert in chain as rulenum (default 1=first)' },
    { names: ['-D', '--delete'], description: 'delete matching rule from chain' },
    { names: ['-n', '--numeric'], description: 'numeric output of addresses and ports' },
    { names: ['-v', '--verbose'], description: 'verbose mode' },
    { names: ['--line-numbers'], description: 'print line numbers when listing' },
  ],
  run: (ctx) => withNetns(ctx, (nf) => runIptables(ctx.argv.slice(1), nf)),
}));

export const iptablesSaveCommands: CommandSpec[] = ['iptables-save', 'iptables-nft-save'].map((name): CommandSpec => ({
  name,
  summary: 'dump iptables rules (nf_tables backend)',
  usage: 'iptables-save [-c] [-t table]',
  availableIn: ['node'],
  flags: [TABLE_FLAG, { names: ['-c', '--counters'], description: 'include packet and byte counters' }],
  run: (ctx) => withNetns(ctx, (nf) => runIptablesSave(ctx.argv.slice(1), nf, ctx.emulator.clock.now())),
}));

export const iptablesRestoreCommands: CommandSpec[] = ['iptables-restore', 'iptables-nft-restore'].map(
  (name): CommandSpec => ({
    name,
    summary: 'restore iptables rules from iptables-save output on standard input (nf_tables backend)',
    usage: 'iptables-restore [-n] [-c] [-t] [-T table] < FILE',
    availableIn: ['node'],
    flags: [
      { names: ['-n', '--noflush'], description: "don't flush the tables before restoring" },
      { names: ['-c', '--counters'], description: 'restore packet and byte counters' },
      { names: ['-t', '--test'], description: 'only parse and check, do not commit' },
      {
        names: ['-T', '--table'],
        value: true,
        description: 'restore only this table',
        values: ['filter', 'nat', 'mangle', 'raw'],
      },
    ],
    run: (ctx) => withNetns(ctx, (nf) => runIptablesRestore(ctx.argv.slice(1), ctx.stdin, nf)),
  }),
);

/**
 * `ipset` (v7.17, Debian bookworm as on a kind node): list the ip sets of the namespace the shell
 * runs in (reference 2.4 layout, References = iptables rules using the set), and create, add, del,
 * test, flush and destroy sets for experiments. The sets are the same ones the iptables `set`
 * match consults during the packet walk.
 */
import type { CommandSpec } from '../shell/types';
import { IPSET_TYPES, IpsetError, type Ipsets, type IpsetType } from '../net/ipset';
import type { Netfilter } from '../net/netfilter';
import { TABLE_NAMES } from '../net/netfilter';
import { netnsFor } from '../net/locate';

const PREFIX = 'ipset v7.17: ';

/** `ipset -h` (ipset 7.x layout, written from memory: UNCONFIRMED wording; set types limited to the emulated ones). */
const HELP = `ipset v7.17

Usage: ipset [options] COMMAND

Commands:
create SETNAME TYPENAME [type-specific-options]
        Create a new set
add SETNAME ENTRY
        Add entry to the named set
del SETNAME ENTRY
        Delete entry from the named set
test SETNAME ENTRY
        Test entry in the named set
destroy [SETNAME]
        Destroy a named set or all sets
list [SETNAME]
        List the entries of a named set or all sets
save [SETNAME]
        Save the named set or all sets to stdout
flush [SETNAME]
        Flush a named set or all sets
help [TYPENAME]
        Print help, and settype specific help
version
        Print version information

Options:
-s
        Print elements sorted (if supported by the set type).
-!
        Ignore errors when creating or adding sets or
        elements that do exist or when deleting elements
        that don't exist.
-n
        When listing, just list setnames from kernel.

-t
        When listing, list setnames and set headers
        from kernel only.

Supported set types:
    hash:ip,port,net	8
    hash:ip,port,ip	6
    hash:ip,port	7
    hash:ip	6
    bitmap:port	3
`;
const TRY = "Try `ipset help' for more information.\n";

export interface IpsetRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** How many iptables rules use each set (the kernel's reference count). */
export function setReferences(nf: Netfilter): Map<string, number> {
  const refs = new Map<string, number>();
  for (const t of TABLE_NAMES) {
    for (const chain of Object.values(nf.table(t).chains)) {
      for (const r of chain.rules)
        for (const m of r.matches) if (m.kind === 'set') refs.set(m.name, (refs.get(m.name) ?? 0) + 1);
    }
  }
  return refs;
}

/** Runs one ipset command line; `initval` draws a new set's hash seed. */
export function runIpset(argv: readonly string[], sets: Ipsets, nf: Netfilter, initval: () => number): IpsetRun {
  const ok = (stdout = ''): IpsetRun => ({ stdout, stderr: '', code: 0 });
  const fail = (msg: string): IpsetRun => ({ stdout: '', stderr: `${PREFIX}${msg}\n`, code: 1 });
  // Commands also have one-letter forms (`-L`, `-h`); everything else starting with '-' is an option.
  const options = argv.filter(
    (a) =>
      a.startsWith('-') && !['-L', '-S', '-X', '-F', '-A', '-D', '-T', '-N', '-h', '-help', '-v', '-V'].includes(a),
  );
  const words = argv.filter((a) => !options.includes(a));
  const exist = options.includes('-exist') || options.includes('-!');
  const namesOnly = options.includes('-n') || options.includes('-name');
  const terse = options.includes('-t') || options.includes('-terse');
  const sorted = options.includes('-s') || options.includes('-sorted');
  const [cmd, name, ...rest] = words;
  const missing = (): IpsetRun => fail('The set with the given name does not exist');
  try {
    switch (cmd) {
      case undefined:
        return { stdout: '', stderr: `${PREFIX}No command specified.\n${TRY}`, code: 1 }; // UNCONFIRMED text
      case 'list':
      case '-L':
      case 'save':
      case '-S': {
        const refs = setReferences(nf);
        const chosen = name !== undefined ? [sets.get(name)] : sets.list();
        if (chosen[0] === undefined) return missing();
        const list = chosen.filter((s) => s !== undefined);
        if (cmd === 'save' || cmd === '-S') {
          return ok(
            list
              .map(
                (s) =>
                  `create ${s.name} ${s.type} ${s.type === 'bitmap:port' ? `range ${s.state.range}` : `family inet hashsize ${s.state.hashsize} maxelem ${s.state.maxelem} bucketsize 12 initval 0x${s.state.initval.toString(16).padStart(8, '0')}`}\n${s
                    .listOrder()
                    .map((e) => `add ${s.name} ${e}\n`)
                    .join('')}`,
              )
              .join(''),
          );
        }
        if (namesOnly) return ok(list.map((s) => `${s.name}\n`).join(''));
        return ok(list.map((s) => s.format(refs.get(s.name) ?? 0, terse, sorted)).join('\n'));
      }
      case 'create':
      case '-N':
      case 'n': {
        const type = rest[0] as IpsetType | undefined;
        if (!name || !type) return fail('Missing mandatory argument: setname or type'); // UNCONFIRMED text
        if (!IPSET_TYPES.includes(type)) return fail(`Syntax error: typename '${type}' is unknown`); // UNCONFIRMED text
        if (sets.get(name)) return exist ? ok() : fail('Set cannot be created: set with the same name already exists');
        const opt = (key: string): string | undefined => {
          const i = rest.indexOf(key);
          return i >= 0 ? rest[i + 1] : undefined;
        };
        const hashsize = opt('hashsize');
        const maxelem = opt('maxelem');
        const range = opt('range');
        sets.create(name, type, initval(), {
          ...(hashsize ? { hashsize: Number(hashsize) } : {}),
          ...(maxelem ? { maxelem: Number(maxelem) } : {}),
          ...(range ? { range } : {}),
        });
        return ok();
      }
      case 'add':
      case '-A':
      case 'del':
      case '-D':
      case 'test':
      case '-T': {
        const set = name !== undefined ? sets.get(name) : undefined;
        if (!set) return missing();
        const entry = rest[0];
        if (entry === undefined) return fail('Missing mandatory argument: entry'); // UNCONFIRMED text
        if (cmd === 'add' || cmd === '-A') {
          return set.add(entry) || exist ? ok() : fail("Element cannot be added to the set: it's already added");
        }
        if (cmd === 'del' || cmd === '-D') {
          return set.del(entry) || exist ? ok() : fail("Element cannot be deleted from the set: it's not added");
        }
        return set.has(entry)
          ? { stdout: '', stderr: `${entry} is in set ${set.name}.\n`, code: 0 }
          : { stdout: '', stderr: `${PREFIX}${entry} is NOT in set ${set.name}.\n`, code: 1 };
      }
      case 'flush':
      case '-F': {
        if (name === undefined) for (const s of sets.list()) s.flush();
        else {
          const set = sets.get(name);
          if (!set) return missing();
          set.flush();
        }
        return ok();
      }
      case 'destroy':
      case '-X': {
        const refs = setReferences(nf);
        const targets = name === undefined ? sets.list().map((s) => s.name) : [name];
        if (name !== undefined && !sets.get(name)) return missing();
        for (const n of targets) {
          if ((refs.get(n) ?? 0) > 0) return fail('Set cannot be destroyed: it is in use by a kernel component');
          sets.destroy(n);
        }
        return ok();
      }
      case 'version':
      case '-v':
      case '-V':
        return ok('ipset v7.17, protocol version: 7\n');
      case 'help':
      case '-h':
      case '-help':
        return ok(HELP);
      default:
        return { stdout: '', stderr: `${PREFIX}No command specified: unknown argument ${cmd}\n${TRY}`, code: 1 };
    }
  } catch (e) {
    if (e instanceof IpsetError) return fail(e.message);
    throw e;
  }
}

export const ipsetCommand: CommandSpec = {
  name: 'ipset',
  summary: 'administration tool for IP sets',
  usage: 'ipset list [SETNAME] | create SETNAME TYPE | add|del|test SETNAME ENTRY | flush|destroy [SETNAME]',
  availableIn: ['node'],
  subcommands: ['list', 'create', 'add', 'del', 'test', 'flush', 'destroy', 'save', 'version', 'help'],
  run(ctx) {
    const ns = netnsFor(ctx.emulator, ctx.location);
    if (!ns) {
      ctx.stderr.write("netlab: ipset: this location's network namespace is not emulated yet\n");
      return 1;
    }
    const initval = (): number => ctx.emulator.rng.int(0x100000000);
    const r = runIpset(ctx.argv.slice(1), ns.ipsets, ns.netfilter, initval);
    if (r.stdout) ctx.stdout.write(r.stdout);
    if (r.stderr) ctx.stderr.write(r.stderr);
    return r.code;
  },
};

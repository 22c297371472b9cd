/**
 * `apt` / `apt-get` on the host and nodes. The study notes start every kind lab by apt-installing tools on the
 * nodes (`apt update && apt install ipvsadm ipset dnsutils ...`). Emulated nodes have no package
 * archive to reach, so instead of faking a download this says plainly which of the requested
 * tools this emulator provides and which it does not, and succeeds, so the lab's `&&` chains go on.
 */
import { isAvailable } from '../shell/commandtable';
import type { CommandContext, CommandSpec } from '../shell/types';

/** Debian package → the binaries a learner uses from it (bookworm). */
const PACKAGE_BINARIES: Record<string, string[]> = {
  arping: ['arping'],
  'arp-scan': ['arp-scan'],
  bsdmainutils: ['column', 'hexdump'],
  'bridge-utils': ['brctl'],
  conntrack: ['conntrack'],
  curl: ['curl'],
  dnsutils: ['dig', 'nslookup', 'host'],
  'bind9-dnsutils': ['dig', 'nslookup', 'host'],
  git: ['git'],
  iproute2: ['ip'],
  ipset: ['ipset'],
  iptables: ['iptables', 'iptables-save'],
  'iputils-ping': ['ping'],
  ipvsadm: ['ipvsadm'],
  lsof: ['lsof'],
  'net-tools': ['netstat', 'ifconfig', 'route', 'arp'],
  nfacct: ['nfacct'],
  ngrep: ['ngrep'],
  psmisc: ['killall', 'pstree', 'fuser'],
  tcpdump: ['tcpdump'],
  tree: ['tree'],
  vim: ['vim'],
  wget: ['wget'],
};

function run(ctx: CommandContext): number {
  const [name, ...args] = ctx.argv;
  const words = args.filter((a) => !a.startsWith('-'));
  const sub = words[0];
  if (sub === 'update' || sub === 'upgrade') {
    ctx.stdout.write(
      `netlab: ${name} ${sub} is not emulated: there is no package archive to reach (nothing to update).\n`,
    );
    return 0;
  }
  if (sub !== 'install') {
    ctx.stderr.write(
      `netlab: ${name} ${sub ?? ''} is not emulated; only "${name} update" and "${name} install PACKAGE..." are, to say which tools exist here.\n`.replace(
        ' ;',
        ';',
      ),
    );
    return 1;
  }
  const packages = words.slice(1);
  if (packages.length === 0) {
    ctx.stdout.write('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    return 0;
  }
  const here = (bin: string) => {
    const spec = ctx.emulator.commands.get(bin);
    return spec !== undefined && isAvailable(spec, ctx.emulator, ctx.location);
  };
  const emulated: string[] = [];
  const missing: string[] = [];
  for (const pkg of packages) {
    const bins = PACKAGE_BINARIES[pkg] ?? [pkg];
    for (const bin of bins) (here(bin) ? emulated : missing).push(bin);
  }
  ctx.stdout.write(`netlab: ${name} install is not emulated: there is no package archive to reach.\n`);
  if (emulated.length) ctx.stdout.write(`netlab: already available here: ${[...new Set(emulated)].join(' ')}\n`);
  if (missing.length) ctx.stdout.write(`netlab: not emulated here: ${[...new Set(missing)].join(' ')}\n`);
  return 0;
}

export const aptCommands: CommandSpec[] = ['apt', 'apt-get'].map((name): CommandSpec => ({
  name,
  summary: 'package manager on nodes: says which requested tools the emulator provides (no archive to download from)',
  usage: `${name} update | ${name} install PACKAGE...`,
  availableIn: ['host', 'node'],
  subcommands: ['update', 'install', 'upgrade'],
  complete: (c) =>
    (c.words.length === 1 ? ['update', 'install'] : Object.keys(PACKAGE_BINARIES)).filter((w) =>
      w.startsWith(c.current),
    ),
  run,
}));

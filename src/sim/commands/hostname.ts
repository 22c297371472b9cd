/** `hostname` (-i, -I): the location's name, the address it resolves to, and every non-loopback address of its namespace. */
import type { CommandContext, CommandSpec } from '../shell/types';
import { hostnameAt } from '../shell/location';
import { netnsFor } from '../net/locate';
import { formatIp } from '../net/addr';

/** The address /etc/hosts gives the hostname: Ubuntu's 127.0.1.1 on the learner's machine, else the primary address. */
function resolvedAddress(ctx: CommandContext): string | undefined {
  if (ctx.location.kind === 'host') return '127.0.1.1';
  const ns = netnsFor(ctx.emulator, ctx.location);
  const a = ns?.addrs.find((x) => x.dev === 'eth0') ?? ns?.addrs.find((x) => x.dev !== 'lo');
  return a ? formatIp(a.addr) : undefined;
}

export const hostnameCommand: CommandSpec = {
  name: 'hostname',
  summary: "print this machine's hostname",
  usage: 'hostname [-i|-I]',
  run(ctx) {
    const flag = ctx.argv[1];
    if (flag === '-i' || flag === '--ip-address') {
      const ip = resolvedAddress(ctx);
      if (!ip) {
        ctx.stderr.write('hostname: Name or service not known\n');
        return 1;
      }
      ctx.stdout.write(`${ip}\n`);
      return 0;
    }
    if (flag === '-I' || flag === '--all-ip-addresses') {
      const ns = netnsFor(ctx.emulator, ctx.location);
      // net-tools prints each address followed by a space, then the newline.
      const all = (ns?.addrs ?? [])
        .filter((a) => a.dev !== 'lo')
        .map((a) => `${formatIp(a.addr)} `)
        .join('');
      ctx.stdout.write(`${all}\n`);
      return 0;
    }
    if (flag !== undefined && flag.startsWith('-')) {
      ctx.stderr.write(
        `hostname: invalid option -- '${flag.replace(/^-+/, '')}'\nUsage: hostname [-v] {hostname|-F file}      set hostname (from file)\n`,
      );
      return 1;
    }
    ctx.stdout.write(`${hostnameAt(ctx.emulator, ctx.location)}\n`);
    return 0;
  },
};

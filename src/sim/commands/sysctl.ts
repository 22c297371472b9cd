/** `sysctl` (procps): read and write the network sysctls of the shell's namespace, through /proc/sys. */
import type { CommandSpec } from '../shell/types';
import { netnsFor } from '../net/locate';
import { IP_LOCAL_PORT_RANGE, sysctlKeys } from '../net/procsys';
import { DEFAULT_SYSCTLS } from '../net/netns';

export const sysctlCommand: CommandSpec = {
  name: 'sysctl',
  summary: 'configure kernel parameters at runtime',
  usage: 'sysctl [-n] [-w] NAME[=VALUE]...',
  availableIn: ['host', 'node', 'pod'],
  run(ctx) {
    const ns = netnsFor(ctx.emulator, ctx.location);
    const args = ctx.argv.slice(1);
    const valueOnly = args.includes('-n');
    const names = args.filter((a) => !a.startsWith('-'));
    const read = (key: string): string | undefined =>
      key === 'net.ipv4.ip_local_port_range'
        ? IP_LOCAL_PORT_RANGE
        : key in DEFAULT_SYSCTLS
          ? (ns?.sysctl[key] ?? DEFAULT_SYSCTLS[key])
          : undefined;
    if (args.includes('-a')) {
      for (const k of sysctlKeys()) ctx.stdout.write(`${k} = ${read(k)}\n`);
      return 0;
    }
    let code = 0;
    for (const n of names) {
      const [rawKey, value] = n.split('=', 2) as [string, string | undefined];
      const key = rawKey.replace(/\//g, '.');
      const now = read(key);
      if (now === undefined) {
        ctx.stderr.write(`sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n`);
        code = 255;
        continue;
      }
      if (value !== undefined) {
        if (ns && key in DEFAULT_SYSCTLS) ns.sysctl[key] = value.trim();
        ctx.stdout.write(valueOnly ? `${value}\n` : `${key} = ${value}\n`);
      } else ctx.stdout.write(valueOnly ? `${now}\n` : `${key} = ${now}\n`);
    }
    return code;
  },
};

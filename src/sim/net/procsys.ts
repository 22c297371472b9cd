/**
 * /proc/sys/net/... as files generated from each namespace's sysctls: `cat` reads the value the data
 * plane obeys, and `echo 0 > /proc/sys/net/ipv4/ip_forward` really stops forwarding.
 */
import type { FileProvider } from '../shell/vfs';
import { netnsFor } from './locate';
import { DEFAULT_SYSCTLS } from './netns';

/** Linux's ephemeral port range, the one the data plane draws client ports from. */
export const IP_LOCAL_PORT_RANGE = '32768\t60999';

/** `net.ipv4.ip_forward` → `/proc/sys/net/ipv4/ip_forward`. */
export function sysctlPath(key: string): string {
  return `/proc/sys/${key.replace(/\./g, '/')}`;
}

/** The sysctl keys the emulator models, in `sysctl -a` order. */
export function sysctlKeys(): string[] {
  return [...Object.keys(DEFAULT_SYSCTLS), 'net.ipv4.ip_local_port_range'].sort();
}

const sysctlFiles = Object.keys(DEFAULT_SYSCTLS).map((key): FileProvider => ({
  path: sysctlPath(key),
  read: ({ emulator, location }) => {
    const ns = netnsFor(emulator, location);
    return ns ? `${ns.sysctl[key] ?? DEFAULT_SYSCTLS[key]}\n` : undefined;
  },
  write: ({ emulator, location }, content) => {
    const ns = netnsFor(emulator, location);
    if (ns) ns.sysctl[key] = content.trim();
  },
}));

/** /proc/sys/net/... for each sysctl the data plane keeps, and the fixed ip_local_port_range. */
export const procSysProviders: readonly FileProvider[] = [
  ...sysctlFiles,
  {
    path: sysctlPath('net.ipv4.ip_local_port_range'),
    read: ({ emulator, location }) => (netnsFor(emulator, location) ? `${IP_LOCAL_PORT_RANGE}\n` : undefined),
  },
];

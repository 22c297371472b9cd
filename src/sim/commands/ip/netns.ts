/**
 * `ip netns list|add|del` and the namespace lookups of `ip netns exec` and `ip -n`, over the machine's
 * named namespaces (net/named.ts), with iproute2 6.1's messages (ip/ipnetns.c, recorded in
 * ip.test.ts). `exec` itself runs in the command (it needs the shell): `netnsExecTarget` finds where.
 */
import { addNamed, deleteNamed, findNamed, listNamed, netnsIds, netnsLabel, validNetnsName } from '../../net/named';
import type { Netns } from '../../net/netns';
import { fail, ok, type IpEnv, type IpResult } from './env';

/** `Cannot open network namespace "X": No such file or directory` (exec and -n). */
export const cannotOpen = (name: string): IpResult =>
  fail(`Cannot open network namespace "${name}": No such file or directory\n`, 1);

/** The named namespace `ip -n NAME` / `ip netns exec NAME` means, or the error to print. */
export function openNamed(env: IpEnv, name: string): Netns | IpResult {
  if (!env.named) return fail(`netlab: ip netns is not emulated here\n`, 1);
  return findNamed(env.named.host, env.named.machine, name) ?? cannotOpen(name);
}

/** `ip netns [list|add|del|delete] ...` (exec is the command's); `root` is the namespace ip runs in. */
export function netnsCommand(root: Netns, words: string[], env: IpEnv): IpResult {
  const named = env.named;
  if (!named) return fail('netlab: ip netns is not emulated here\n', 1);
  const verb = words[0] ?? 'list';
  const name = words[1];
  switch (verb) {
    case 'list':
    case 'show':
    case 'ls':
    case 'l': {
      const ids = netnsIds(root);
      const lines = listNamed(named.host, named.machine).map((ns) => {
        const id = ids.get(ns.name);
        return `${netnsLabel(ns) ?? ns.name}${id !== undefined ? ` (id: ${id})` : ''}\n`;
      });
      return ok(lines.join(''));
    }
    case 'add':
    case 'a':
      if (name === undefined) return fail('No netns name specified\n', 1);
      if (!validNetnsName(name)) return fail(`Invalid netns name "${name}"\n`, 255);
      if (words.length > 2) return fail(`netlab: ip netns add ${words.slice(2).join(' ')} is not emulated\n`, 1);
      return addNamed(named.host, named.machine, name)
        ? ok()
        : fail(`Cannot create namespace file "/run/netns/${name}": File exists\n`, 1);
    case 'del':
    case 'delete':
    case 'd':
      if (name === undefined) return fail('No netns name specified\n', 1);
      if (!validNetnsName(name)) return fail(`Invalid netns name "${name}"\n`, 255);
      return deleteNamed(named.host, named.machine, name)
        ? ok()
        : fail(`Cannot remove namespace file "/run/netns/${name}": No such file or directory\n`, 1);
    default:
      if (['set', 'identify', 'pids', 'monitor', 'attach', 'exec'].includes(verb))
        return fail(`netlab: ip netns ${verb} is not emulated\n`, 1);
      return fail(`Command "${verb}" is unknown, try "ip netns help".\n`, 255);
  }
}

/**
 * What a location looks like from inside a shell: user, hostname, home, the image of a pod's
 * container (which decides between bash-like and busybox shells), the prompt, and a label.
 */
import type { Emulator } from '../emulator';
import type { LocationRef } from './types';
import { HOST_HOSTNAME, homeDir } from './vfs';
import { isEc2Node, userAt } from './accounts';
import { findContainer } from './containers';

export { userAt };

/** The hostname a shell at `loc` sees (a kind node's container name, a pod's name or spec.hostname, a container's id). */
export function hostnameAt(emu: Emulator, loc: LocationRef): string {
  if (loc.kind === 'host') return HOST_HOSTNAME;
  if (loc.kind === 'node') return loc.node;
  if (loc.kind === 'container') return findContainer(emu, loc.name)?.Config.Hostname ?? loc.name;
  const pod = emu.store.get('pods', loc.namespace, loc.pod);
  return (pod?.spec?.hostname as string | undefined) ?? loc.pod;
}

/** The image of the pod container (or `docker run` container) a location runs in, if it is one. */
export function podImage(emu: Emulator, loc: LocationRef): string | undefined {
  if (loc.kind === 'container') return findContainer(emu, loc.name)?.Config.Image;
  if (loc.kind !== 'pod') return undefined;
  const pod = emu.store.get('pods', loc.namespace, loc.pod);
  const containers = (pod?.spec?.containers ?? []) as Array<{ name?: string; image?: string }>;
  const c = containers.find((x) => x.name === loc.container) ?? containers[0];
  return c?.image;
}

/** Images whose only shell is BusyBox `sh` (prompt `/ # `, `sh: foo: not found`). */
export function isBusyboxImage(image: string | undefined): boolean {
  if (!image) return false;
  const repo = image.split('@')[0]!.replace(/:[^/]*$/, '');
  return /(^|\/)(busybox|alpine)$/.test(repo);
}

/** `host`, `node myk8s-worker`, `pod default/net-pod`. */
export function locationLabel(loc: LocationRef): string {
  if (loc.kind === 'host') return 'host';
  if (loc.kind === 'node') return `node ${loc.node}`;
  if (loc.kind === 'container') return `container ${loc.name}`;
  return `pod ${loc.namespace}/${loc.pod}`;
}

/** The cwd as bash's `\w` shows it: `~` for home. */
export function promptDir(cwd: string, home: string): string {
  if (cwd === home) return '~';
  if (cwd.startsWith(home + '/')) return '~' + cwd.slice(home.length);
  return cwd;
}

/** PS1 of a shell at `loc`, plain text. */
export function promptFor(emu: Emulator, loc: LocationRef, cwd: string, shellName: string): string {
  if (isBusyboxImage(podImage(emu, loc))) return `${cwd} # `;
  if (shellName === 'sh' && loc.kind !== 'host') return '# ';
  const user = userAt(loc);
  // EC2 instances (Amazon Linux): `[ec2-user@ip-192-168-1-51 ~]$`, the short hostname and \W.
  if (loc.kind === 'node' && isEc2Node(loc)) {
    const dir = promptDir(cwd, homeDir(loc));
    return `[${user}@${loc.node.split('.')[0]} ${dir === '~' ? '~' : dir.slice(dir.lastIndexOf('/') + 1) || '/'}]${user === 'root' ? '#' : '$'} `;
  }
  return `${user}@${hostnameAt(emu, loc)}:${promptDir(cwd, homeDir(loc))}${user === 'root' ? '#' : '$'} `;
}

/** Two references name the same location. */
export function sameLocation(a: LocationRef, b: LocationRef): boolean {
  if (a.kind !== b.kind || userAt(a) !== userAt(b)) return false;
  if ((a.kind === 'host' || a.kind === 'node') && (b.kind === 'host' || b.kind === 'node') && a.netns !== b.netns)
    return false;
  if (a.kind === 'node' && b.kind === 'node') return a.node === b.node;
  if (a.kind === 'container' && b.kind === 'container') return a.name === b.name;
  if (a.kind === 'pod' && b.kind === 'pod')
    return a.namespace === b.namespace && a.pod === b.pod && (a.container ?? '') === (b.container ?? '');
  return true;
}

/** The same machine and user, only in another network namespace (`ip netns exec`): no new login. */
export function sameMachine(a: LocationRef, b: LocationRef): boolean {
  if (a.kind !== b.kind || userAt(a) !== userAt(b)) return false;
  return a.kind === 'host' || (a.kind === 'node' && b.kind === 'node' && a.node === b.node);
}

/** The shell a script runs in at `loc` when nobody names one: BusyBox `sh` in busybox images, else bash. */
export function defaultShellAt(emu: Emulator, loc: LocationRef): string {
  return isBusyboxImage(podImage(emu, loc)) ? 'sh' : 'bash';
}

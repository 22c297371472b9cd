/**
 * A check's `where` (`host`, `node NODE`, `pod NAMESPACE/POD`) as the shell's LocationRef, checked
 * against the cluster so a typo in an exercise reads as one and not as a strange command failure.
 */
import type { Emulator } from '../sim/emulator';
import type { LocationRef } from '../sim/shell/types';

/** The location a `where` names, or an error sentence when it names no such node or pod. */
export function resolveWhere(emu: Emulator, where: string): LocationRef | string {
  const [kind, target = ''] = where.split(' ');
  if (kind === 'node') {
    return emu.store.get('nodes', undefined, target) ? { kind: 'node', node: target } : `there is no node "${target}"`;
  }
  if (kind === 'pod') {
    const [namespace = '', pod = ''] = target.split('/');
    return emu.store.get('pods', namespace, pod)
      ? { kind: 'pod', namespace, pod }
      : `there is no pod "${pod}" in namespace "${namespace}"`;
  }
  return { kind: 'host' };
}

/**
 * The docker side of kind clusters: each node is a container named after it, from
 * `kindest/node:<version>`, whose id and port bindings `docker ps` shows. Port bindings kind asked
 * for (the control plane's API server, `extraPortMappings`) are kept where docker keeps them, in the
 * container's hostconfig.json under /var/lib/docker/containers on the host.
 */
import type { Emulator } from '../emulator';
import { fnv32a } from '../cluster/hash';
import type { PortMapping } from './kind-config';

import { DOCKER_CONTAINERS_DIR } from '../shell/containers';

export { DOCKER_CONTAINERS_DIR };

/** A container's 64-hex id, stable for a node name within one emulator seed. */
export function containerId(emu: Emulator, node: string): string {
  let s = '';
  for (let i = 0; s.length < 64; i++) s += fnv32a(`${emu.seed}/${node}/${i}`).toString(16).padStart(8, '0');
  return s.slice(0, 64);
}

/** docker's PortBindings map: `"30000/tcp": [{"HostIp": "0.0.0.0", "HostPort": "30000"}]`. */
export type PortBindings = Record<string, Array<{ HostIp: string; HostPort: string }>>;

/** Record a node container's port bindings (kind create). */
export function writePortBindings(emu: Emulator, node: string, maps: readonly PortMapping[]): void {
  const bindings: PortBindings = {};
  for (const m of maps)
    (bindings[`${m.containerPort}/${m.protocol.toLowerCase()}`] ??= []).push({
      HostIp: m.listenAddress,
      HostPort: String(m.hostPort),
    });
  const dir = `${DOCKER_CONTAINERS_DIR}/${containerId(emu, node)}`;
  emu.files.mkdir({ kind: 'host' }, dir, true);
  emu.files.write({ kind: 'host' }, `${dir}/hostconfig.json`, JSON.stringify({ PortBindings: bindings }));
}

/** A node container's port bindings, if kind recorded them. */
export function readPortBindings(emu: Emulator, node: string): PortBindings {
  const text = emu.files.read({ kind: 'host' }, `${DOCKER_CONTAINERS_DIR}/${containerId(emu, node)}/hostconfig.json`);
  if (typeof text !== 'string' || ['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES'].includes(text)) return {};
  try {
    return (JSON.parse(text) as { PortBindings?: PortBindings }).PortBindings ?? {};
  } catch {
    return {};
  }
}

/** Forget a node container (kind delete). */
export function removeContainer(emu: Emulator, node: string): void {
  emu.files.rm({ kind: 'host' }, `${DOCKER_CONTAINERS_DIR}/${containerId(emu, node)}`, true);
}

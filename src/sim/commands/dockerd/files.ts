/**
 * The files dockerd bind-mounts into a container: /etc/hostname (the short id unless --hostname)
 * and /etc/hosts (localhost lines, then the container's address and hostname). /etc/resolv.conf is
 * dns/resolvconf.ts's, like every other location's.
 */
import type { FileProvider } from '../../shell/vfs';
import { findContainer, type ContainerRecord } from '../../shell/containers';

function containerAt(ctx: Parameters<FileProvider['read']>[0]): ContainerRecord | undefined {
  return ctx.location.kind === 'container' ? findContainer(ctx.emulator, ctx.location.name) : undefined;
}

export const containerHostnameProvider: FileProvider = {
  path: '/etc/hostname',
  kinds: ['container'],
  read: (ctx) => {
    const c = containerAt(ctx);
    return c ? `${c.Config.Hostname}\n` : undefined;
  },
};

export const containerHostsProvider: FileProvider = {
  path: '/etc/hosts',
  kinds: ['container'],
  read: (ctx) => {
    const c = containerAt(ctx);
    if (!c) return undefined;
    const ips = Object.values(c.NetworkSettings.Networks).map((n) => `${n.IPAddress}\t${c.Config.Hostname}\n`);
    return (
      '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\n' +
      'ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n' +
      ips.join('')
    );
  },
};

export const dockerFileProviders: readonly FileProvider[] = [containerHostnameProvider, containerHostsProvider];

/**
 * Which DNS tools a location has. Pods: the apps registry says whether an image ships `nslookup`
 * and whether its tools are BusyBox applets; a non-BusyBox nslookup is bind's, which comes with dig
 * and host (bind9-dnsutils / bind-utils). BusyBox before 1.29 had the small getaddrinfo-based
 * nslookup. getent comes with any libc userland (not busybox's, not scratch images). Nodes and the
 * learner's machine have everything (a choice: kind nodes get dig with `apt install dnsutils`).
 */
import type { Emulator } from '../../emulator';
import type { LocationRef } from '../../shell/types';
import { podImage } from '../../shell/location';
import { appForImage, imageHasTool, isBusyboxApp } from '../../apps/registry';
import { parseImage, repoIs } from '../../apps/image';

export interface DnsTools {
  /** bind9-dnsutils: nslookup, dig, host. */
  bind: boolean;
  /** BusyBox nslookup: the big one (≥ 1.29, own resolver) or the legacy getaddrinfo one. */
  busybox?: 'big' | 'legacy';
  getent: boolean;
  libc: 'glibc' | 'musl';
}

/** BusyBox before 1.29 shipped the small getaddrinfo-based nslookup. */
function legacyBusybox(tag: string): boolean {
  const m = /^1\.(\d+)/.exec(tag);
  return !!m && Number(m[1]) < 29;
}

/** The DNS tools at a location. */
export function dnsToolsAt(emu: Emulator, loc: LocationRef): DnsTools {
  if (loc.kind === 'host' || loc.kind === 'node') return { bind: true, getent: true, libc: 'glibc' };
  const image = podImage(emu, loc);
  if (!image) return { bind: false, getent: false, libc: 'glibc' };
  const { repo, tag } = parseImage(image);
  const musl = repoIs(repo, 'alpine') || repoIs(repo, 'nicolaka/netshoot');
  const nslookup = imageHasTool(image, 'nslookup');
  const app = appForImage(image);
  const getent = !repoIs(repo, 'busybox') && (app ? app.shells.length > 0 : true);
  const libc = musl ? 'musl' : 'glibc';
  if (nslookup && isBusyboxApp(image))
    return { bind: false, busybox: repoIs(repo, 'busybox') && legacyBusybox(tag) ? 'legacy' : 'big', getent, libc };
  return { bind: nslookup, getent, libc };
}

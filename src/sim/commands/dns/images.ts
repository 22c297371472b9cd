/**
 * Which DNS tools a location has: bind9's nslookup/dig/host in netshoot-like and dnsutils images (and
 * on nodes and the learner's machine: a choice, kind nodes get them with `apt install dnsutils`),
 * BusyBox's nslookup in busybox and alpine images (the pre-1.29 one in busybox:1.28 and older),
 * getent wherever there is a libc, nothing in scratch images.
 */
import type { Emulator } from '../../emulator';
import type { LocationRef } from '../../shell/types';
import { podImage } from '../../shell/location';

export interface DnsTools {
  /** bind9-dnsutils: nslookup, dig, host. */
  bind: boolean;
  /** BusyBox nslookup: the big one (≥ 1.29, own resolver) or the legacy getaddrinfo one. */
  busybox?: 'big' | 'legacy';
  getent: boolean;
  libc: 'glibc' | 'musl';
}

const BIND_IMAGES = ['nicolaka/netshoot', 'kubetm/init', 'tutum/dnsutils', 'infoblox/dnstools', 'e2e-test-images/jessie-dnsutils', 'kubernetes-e2e-test-images/dnsutils', 'e2e-test-images/agnhost'];
const SCRATCH_IMAGES = ['traefik/whoami', 'pause', 'curlimages/curl', 'coredns/coredns', 'kube-proxy', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'];

/** `docker.io/library/busybox:1.28` → `{ repo: 'busybox', tag: '1.28' }`. */
function splitImage(image: string): { repo: string; tag: string } {
  const noDigest = image.split('@')[0]!;
  const m = /^(.*?)(?::([^/:]+))?$/.exec(noDigest)!;
  const repo = m[1]!.replace(/^docker\.io\//, '').replace(/^library\//, '');
  return { repo, tag: m[2] ?? 'latest' };
}

function endsWithRepo(repo: string, names: string[]): boolean {
  return names.some((n) => repo === n || repo.endsWith(`/${n}`));
}

/** BusyBox before 1.29 shipped the small getaddrinfo-based nslookup. */
function legacyBusybox(tag: string): boolean {
  const m = /^1\.(\d+)/.exec(tag);
  return !!m && Number(m[1]) < 29;
}

/** The DNS tools at a location. */
export function dnsToolsAt(emu: Emulator, loc: LocationRef): DnsTools {
  if (loc.kind !== 'pod') return { bind: true, getent: true, libc: 'glibc' };
  const image = podImage(emu, loc);
  if (!image) return { bind: false, getent: false, libc: 'glibc' };
  const { repo, tag } = splitImage(image);
  if (endsWithRepo(repo, ['busybox'])) return { bind: false, busybox: legacyBusybox(tag) ? 'legacy' : 'big', getent: false, libc: 'glibc' };
  if (endsWithRepo(repo, ['alpine'])) return { bind: false, busybox: 'big', getent: true, libc: 'musl' };
  if (endsWithRepo(repo, BIND_IMAGES)) return { bind: true, getent: true, libc: repo.endsWith('netshoot') ? 'musl' : 'glibc' };
  if (endsWithRepo(repo, SCRATCH_IMAGES) || repo.includes('coredns')) return { bind: false, getent: false, libc: 'glibc' };
  return { bind: false, getent: true, libc: 'glibc' };
}

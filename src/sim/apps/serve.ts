/**
 * Where apps meet the data plane: which sockets listen in each namespace (the DataPlane's
 * `setListening` hook), and who answers an HTTP request that a walk delivered. A pod's namespace
 * holds its containers' apps; a node's holds its host-network pods, the kubelet and Docker's DNS;
 * the internet namespace holds the public servers.
 */
import type { Emulator } from '../emulator';
import type { KubeObject } from '../cluster/types';
import { DataPlane } from '../net/dataplane';
import { HOST_NETNS, INTERNET_NETNS, nodeNetnsName } from '../net/netnsnames';
import { formatIp, linkLocalFromMac, macFromIpv4, parseIp } from '../net/addr';
import type { Packet } from '../net/packet';
import { appForImage } from './registry';
import { GITHUB_RAW_IPS, internetHttp } from './internet';
import type { HttpRequest, HttpResponse } from './http';
import type { AppContext, AppSpec } from './types';
import { DOCKER_DNS } from '../dns/transport';
import { SYSTEMD_RESOLVED } from '../dns/resolvconf';
import { publicAddresses } from '../dns/upstream';
import { healthCheckResponse, healthCheckServiceFor, localReadyEndpoints, type HealthCheckTarget } from './healthcheck';
import { EKS_API_NETNS } from '../cni/aws-vpc-cni';
import { isApiServerSocket } from './apiserver';
import { introspect, introspectionListens } from '../cni/aws-introspect';

/** Ports a kind node listens on whatever runs there: the kubelet and Docker's embedded DNS. */
const NODE_TCP_PORTS = [10250];

/** The pod a netns belongs to (`pod/NS/NAME`). */
function podOf(emu: Emulator, netns: string): KubeObject | undefined {
  const m = /^pod\/([^/]+)\/(.+)$/.exec(netns);
  return m ? emu.store.get('pods', m[1]!, m[2]!) : undefined;
}

/** The running containers of the pods whose sockets live in `netns`, with their apps. */
function containersIn(emu: Emulator, netns: string): { pod: KubeObject; container: string; app: AppSpec }[] {
  let pods: KubeObject[];
  if (netns.startsWith('pod/')) {
    const pod = podOf(emu, netns);
    pods = pod ? [pod] : [];
  } else if (netns.startsWith('node/')) {
    const node = netns.slice('node/'.length);
    pods = emu.store.list('pods').filter((p) => p.spec?.hostNetwork && p.spec?.nodeName === node);
  } else pods = [];
  const out: { pod: KubeObject; container: string; app: AppSpec }[] = [];
  for (const pod of pods) {
    if (pod.status?.phase !== 'Running') continue;
    for (const c of (pod.spec?.containers ?? []) as { name: string; image: string }[]) {
      const app = appForImage(c.image);
      if (app) out.push({ pod, container: c.name, app });
    }
  }
  return out;
}

/**
 * kube-proxy's health check server: on a node where kube-proxy runs, the Service whose
 * healthCheckNodePort the packet is addressed to (a LoadBalancer with externalTrafficPolicy Local).
 */
function healthCheckAt(emu: Emulator, netns: string, packet: Readonly<Packet>): HealthCheckTarget | undefined {
  if (!netns.startsWith('node/') || packet.proto !== 'tcp') return undefined;
  if (!containersIn(emu, netns).some(({ app }) => app.id === 'kube-proxy')) return undefined;
  return healthCheckServiceFor(emu.store.list('services'), packet.dport);
}

/** Whether a socket listens for the first packet of a connection delivered in `netns`. */
export function isListening(emu: Emulator, netns: string, packet: Readonly<Packet>): boolean {
  const proto = packet.proto === 'udp' ? 'udp' : 'tcp';
  if (netns === INTERNET_NETNS)
    return proto === 'udp' ? packet.dport === 53 : packet.dport === 80 || packet.dport === 443;
  if (netns === HOST_NETNS) return formatIp(packet.dst) === SYSTEMD_RESOLVED && packet.dport === 53;
  if (netns === EKS_API_NETNS) return proto === 'tcp' && isApiServerSocket(netns, packet.dport);
  if (netns.startsWith('node/')) {
    if (formatIp(packet.dst) === DOCKER_DNS) return true;
    if (proto === 'tcp' && introspectionListens(emu, netns.slice('node/'.length), formatIp(packet.dst), packet.dport))
      return true;
    if (proto === 'tcp' && NODE_TCP_PORTS.includes(packet.dport)) return true;
  }
  if (healthCheckAt(emu, netns, packet)) return true;
  return containersIn(emu, netns).some(({ app }) =>
    app.listens.some((l) => l.proto === proto && l.port === packet.dport),
  );
}

/** Connect the apps to an emulator's data plane: listening sockets and the internet's servers. */
export function installApps(emu: Emulator, dp: DataPlane): void {
  dp.setListening((netns, packet) => isListening(emu, netns, packet));
  // raw.githubusercontent.com came after the lessons' seeds: its hosts take a MAC made from their
  // address, not drawn from the rng, so every later draw (and each lesson's answers) stays the same.
  for (const ip of publicAddresses())
    dp.addExternalHost(ip, GITHUB_RAW_IPS.includes(ip) ? macFromIpv4([0x02, 0x00], parseIp(ip)!) : undefined);
}

/** Interface addresses as Go lists them: lo (127.0.0.1, ::1), then each other link's IPv4 and link-local IPv6. */
function interfaceIPs(dp: DataPlane, netns: string): string[] {
  const ns = dp.netns(netns);
  if (!ns) return [];
  const ips: string[] = [];
  for (const link of ns.links) {
    for (const a of ns.addrs) if (a.dev === link.name) ips.push(formatIp(a.addr));
    ips.push(link.kind === 'loopback' ? '::1' : linkLocalFromMac(link.mac));
  }
  return ips;
}

export type HttpOutcome =
  | { kind: 'response'; response: HttpResponse }
  /** The socket accepted the connection but nothing speaks HTTP on it: curl's "Empty reply from server". */
  | { kind: 'empty' };

/**
 * Answer an HTTP request that reached `netns` as `packet` (addresses after NAT): the app listening
 * there handles it and logs it to its container's log.
 */
export function serveHttp(
  emu: Emulator,
  dp: DataPlane,
  netns: string,
  packet: Readonly<Packet>,
  req: HttpRequest,
): HttpOutcome {
  const base: Omit<AppContext, 'hostname' | 'interfaceIPs'> = {
    clientIP: formatIp(packet.src),
    clientPort: packet.sport,
    localIP: formatIp(packet.dst),
    localPort: packet.dport,
    now: emu.clock.now(),
  };
  if (netns === INTERNET_NETNS) {
    // The public servers answer HTTP on 80 and HTTPS on 443 (curl speaks the TLS side; the page is the same).
    if (packet.dport !== 80 && packet.dport !== 443) return { kind: 'empty' };
    return {
      kind: 'response',
      response: internetHttp(formatIp(packet.dst), req, { ...base, hostname: 'www', interfaceIPs: [] }),
    };
  }
  // ipamd's introspection server, in the node's namespace while its aws-node pod runs.
  if (
    netns.startsWith('node/') &&
    introspectionListens(emu, netns.slice('node/'.length), formatIp(packet.dst), packet.dport)
  )
    return { kind: 'response', response: introspect(emu, netns.slice('node/'.length), req) };
  const hc = healthCheckAt(emu, netns, packet);
  if (hc) {
    const svc = emu.store.get('services', hc.namespace, hc.name)!;
    const slices = emu.store.list('endpointslices', hc.namespace);
    const local = localReadyEndpoints(svc, slices, netns.slice('node/'.length));
    return { kind: 'response', response: healthCheckResponse(hc, local, base.now) };
  }
  const found = containersIn(emu, netns).find(({ app }) =>
    app.listens.some((l) => l.proto === 'tcp' && l.port === packet.dport),
  );
  if (!found?.app.http) return { kind: 'empty' };
  const { pod, container, app } = found;
  const hostname = (pod.spec?.hostNetwork ? pod.spec.nodeName : (pod.spec?.hostname ?? pod.metadata.name)) as string;
  const ctx: AppContext = {
    ...base,
    hostname,
    interfaceIPs: interfaceIPs(dp, netns.startsWith('node/') ? nodeNetnsName(pod.spec.nodeName) : netns),
  };
  const response = app.http!(req, ctx);
  const line = app.accessLog?.(req, response, ctx);
  if (line) emu.cluster.appendLog(pod.metadata.namespace ?? 'default', pod.metadata.name, container, line);
  return { kind: 'response', response };
}

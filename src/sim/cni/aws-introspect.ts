/**
 * ipamd's introspection server (pkg/ipamd/introspect.go at v1.18.5): HTTP on 127.0.0.1:61679 of a
 * node while its aws-node pod runs. `/v1/enis` is the datastore's ENIInfos (TotalIPs, AssignedIPs,
 * and per ENI the /32s or /28s it holds with the addresses assigned to pods), `/v1/ipamd-env-settings`
 * and `/v1/networkutils-env-settings` the settings ipamd and its network code read from their
 * environment, anything else the list of paths. Bodies are Go's json.Marshal: compact, map keys
 * sorted, no trailing newline.
 */
import type { Emulator } from '../emulator';
import type { HttpRequest, HttpResponse } from '../apps/http';
import { AwsVpcIpam, type AwsNode } from './aws-ipam';
import { cidrSize, parseCidrOrThrow } from '../core/ipv4';
import { sandboxId } from './sandbox';
import { rfc3339 } from '../format/duration';

export const INTROSPECTION_PORT = 61679;
const PATHS = ['/v1/enis', '/v1/eni-configs', '/v1/networkutils-env-settings', '/v1/ipamd-env-settings'];

/** The AWS VPC CNI's ipamd state, when the cluster runs it. */
function ipamOf(emu: Emulator): AwsVpcIpam | undefined {
  return emu.cluster.ipam instanceof AwsVpcIpam ? emu.cluster.ipam : undefined;
}

/** The running aws-node pod of a node (whose container env ipamd reads). */
function awsNodePod(emu: Emulator, node: string) {
  return emu.store
    .list('pods', 'kube-system')
    .find(
      (p) =>
        p.metadata.labels?.['k8s-app'] === 'aws-node' &&
        p.spec?.nodeName === node &&
        p.status?.phase === 'Running' &&
        !p.metadata.deletionTimestamp,
    );
}

/** Whether ipamd listens for this connection: a node's loopback, port 61679, with aws-node running there. */
export function introspectionListens(emu: Emulator, node: string, dst: string, port: number): boolean {
  return port === INTROSPECTION_PORT && dst === '127.0.0.1' && !!ipamOf(emu)?.node(node) && !!awsNodePod(emu, node);
}

/** Go's base64 of a net.IPMask (4 bytes). */
function maskBase64(len: number): string {
  const m = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const bytes = [m >>> 24, (m >>> 16) & 255, (m >>> 8) & 255, m & 255];
  return btoa(String.fromCharCode(...bytes));
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

/** The datastore's ENIInfos for a node. */
function eniInfos(emu: Emulator, node: AwsNode) {
  const leasedBy = new Map(Object.entries(node.leases).map(([pod, ip]) => [ip, pod]));
  const cidrInfo = (cidr: string, isPrefix: boolean) => {
    const c = parseCidrOrThrow(cidr);
    const addresses: Record<string, unknown> = {};
    for (let i = 0; i < cidrSize(c); i++) {
      const ip = [c.addr + i].map((n) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'))[0]!;
      const podKey = leasedBy.get(ip);
      if (!podKey) continue;
      const [namespace, name] = podKey.split('/') as [string, string];
      const pod = emu.store.get('pods', namespace, name);
      addresses[ip] = {
        Address: ip,
        IPAMKey: { networkName: 'aws-cni', containerID: pod ? sandboxId(pod.metadata.uid!) : '', ifName: 'eth0' },
        IPAMMetadata: { k8sPodNamespace: namespace, k8sPodName: name },
        AssignedTime: pod?.status?.startTime ?? rfc3339(emu.clock.now()),
        UnassignedTime: ZERO_TIME,
      };
    }
    const ip = cidr.split('/')[0]!;
    return { Cidr: { IP: ip, Mask: maskBase64(c.len) }, IPAddresses: addresses, IsPrefix: isPrefix, AddressFamily: '' };
  };
  let total = 0;
  let assigned = 0;
  const enis: Record<string, unknown> = {};
  for (const eni of node.enis) {
    const cidrs: Record<string, unknown> = {};
    for (const ip of eni.secondaryIps) {
      cidrs[`${ip}/32`] = cidrInfo(`${ip}/32`, false);
      total += 1;
    }
    for (const p of eni.prefixes) {
      cidrs[p] = cidrInfo(p, true);
      total += 16;
    }
    for (const info of Object.values(cidrs))
      assigned += Object.keys((info as { IPAddresses: object }).IPAddresses).length;
    enis[eni.id] = {
      ID: eni.id,
      IsPrimary: eni.device === 0,
      IsTrunk: false,
      IsEFA: false,
      DeviceNumber: eni.device,
      AvailableIPv4Cidrs: cidrs,
      IPv6Cidrs: {},
    };
  }
  return { TotalIPs: total, AssignedIPs: assigned, ENIs: enis };
}

/** Go's encoding/json for maps: keys sorted (struct fields keep their declaration order). */
function goJson(v: unknown, sortKeys = true): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => goJson(x, sortKeys)).join(',')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${JSON.stringify(k)}:${goJson(x, sortKeys)}`)
    .join(',')}}`;
}

/** Sort an object's keys (a Go map), leaving nested values as they are. */
const sortedMap = (o: Record<string, unknown>) =>
  Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );

function deepSortMaps(infos: ReturnType<typeof eniInfos>) {
  return {
    TotalIPs: infos.TotalIPs,
    AssignedIPs: infos.AssignedIPs,
    ENIs: sortedMap(
      Object.fromEntries(
        Object.entries(infos.ENIs).map(([id, eni]) => {
          const e = eni as Record<string, any>;
          const cidrs = sortedMap(
            Object.fromEntries(
              Object.entries(e.AvailableIPv4Cidrs as Record<string, any>).map(([k, c]) => [
                k,
                { ...c, IPAddresses: sortedMap(c.IPAddresses) },
              ]),
            ),
          );
          return [id, { ...e, AvailableIPv4Cidrs: cidrs }];
        }),
      ),
    ),
  };
}

/** A Go net/http response: the body's sniffed Content-Type (JSON text sniffs as text/plain). */
function ok(body: string): HttpResponse {
  return {
    status: 200,
    headers: [
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['Content-Length', String(body.length)],
    ],
    body,
  };
}

/** Answer one request to a node's introspection server. */
export function introspect(emu: Emulator, nodeName: string, req: HttpRequest): HttpResponse {
  const ipam = ipamOf(emu)!;
  const node = ipam.node(nodeName)!;
  const s = ipam.settingsFor(nodeName);
  const env = (awsNodePod(emu, nodeName)?.spec?.containers ?? []).find((c: any) => c.name === 'aws-node')?.env ?? [];
  const envValue = (k: string) => env.find((e: any) => e.name === k)?.value as string | undefined;
  const path = req.target.split('?')[0]!;
  switch (path) {
    case '/v1/enis':
      return ok(goJson(deepSortMaps(eniInfos(emu, node))));
    case '/v1/ipamd-env-settings':
      return ok(
        goJson(
          sortedMap({
            WARM_IP_TARGET: s.warmIpTarget ?? 0,
            WARM_ENI_TARGET: s.warmEniTarget,
            AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: envValue('AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG') === 'true',
            AWS_MANAGE_ENIS_NON_SCHEDULABLE: envValue('AWS_MANAGE_ENIS_NON_SCHEDULABLE') === 'true',
            ENABLE_SUBNET_DISCOVERY: envValue('ENABLE_SUBNET_DISCOVERY') !== 'false',
          }),
        ),
      );
    case '/v1/networkutils-env-settings': {
      const randomize = envValue('AWS_VPC_K8S_CNI_RANDOMIZESNAT');
      return ok(
        goJson(
          sortedMap({
            AWS_VPC_K8S_CNI_CONNMARK: 128,
            AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS: s.excludeSnatCidrs.length ? s.excludeSnatCidrs : null,
            AWS_VPC_K8S_CNI_EXTERNALSNAT: s.externalSnat,
            AWS_EXTERNAL_SERVICE_CIDRS: null,
            AWS_VPC_ENI_MTU: Number(envValue('AWS_VPC_ENI_MTU') ?? 9001),
            AWS_VPC_K8S_CNI_VETHPREFIX: envValue('AWS_VPC_K8S_CNI_VETHPREFIX') ?? 'eni',
            AWS_VPC_CNI_NODE_PORT_SUPPORT: envValue('AWS_VPC_CNI_NODE_PORT_SUPPORT') !== 'false',
            // snatType: 0 sequential ("none"), 1 hashrandom, 2 prng (the default).
            AWS_VPC_K8S_CNI_RANDOMIZESNAT: randomize === 'none' ? 0 : randomize === 'hashrandom' ? 1 : 2,
          }),
        ),
      );
    }
    case '/v1/eni-configs':
      // Without custom networking the node has no ENIConfig: GetNodeSpecificENIConfigName fails.
      return { status: 404, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: 'Not Found\n' };
    default:
      return ok(goJson({ AvailableCommands: PATHS }));
  }
}

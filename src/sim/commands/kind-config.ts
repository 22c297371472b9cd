/**
 * kind's cluster config (kind.x-k8s.io/v1alpha4), parsed once at the edge into the one shape the
 * builder uses: nodes with roles, labels and port mappings, the networking block, and the kube-proxy
 * mode (from `networking.kubeProxyMode` or a KubeProxyConfiguration patch's `mode`).
 */
import { parse } from 'yaml';
import type { KindConfig } from '../scenarios/topology';

export interface PortMapping {
  containerPort: number;
  hostPort: number;
  listenAddress: string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
}

/** What `kind create cluster` needs beyond the topology: per node, the docker port mappings. */
export interface ParsedKindConfig extends KindConfig {
  portMappings: PortMapping[][];
  /** `networking.disableDefaultCNI`: no kindnet; netlab wires the reference bridge plugin instead (the CNI lesson). */
  disableDefaultCNI: boolean;
  /** kube-proxy settings from KubeProxyConfiguration patches (cluster-wide and per node). */
  kubeProxy: KubeProxyPatch;
}

/** A config error, worded as kind words it after `ERROR: failed to create cluster: `. */
export class KindConfigError extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** What KubeProxyConfiguration patches set that the emulated kube-proxy reads. */
export interface KubeProxyPatch {
  mode?: 'iptables' | 'ipvs';
  strictARP?: boolean;
  scheduler?: string;
}

/** The KubeProxyConfiguration documents among kubeadmConfigPatches, merged in order. */
function kubeProxyPatch(patches: unknown, into: KubeProxyPatch): void {
  if (!Array.isArray(patches)) return;
  for (const p of patches) {
    if (typeof p !== 'string') continue;
    let doc: unknown;
    try {
      doc = parse(p);
    } catch {
      continue;
    }
    if (!isObj(doc) || doc.kind !== 'KubeProxyConfiguration') continue;
    if (doc.mode === 'ipvs' || doc.mode === 'iptables') into.mode = doc.mode;
    const ipvs = isObj(doc.ipvs) ? doc.ipvs : {};
    if (typeof ipvs.strictARP === 'boolean') into.strictARP = ipvs.strictARP;
    if (typeof ipvs.scheduler === 'string') into.scheduler = ipvs.scheduler;
  }
}

/** Parse a kind config file's text; `nameOverride` is `--name`. Throws KindConfigError. */
export function parseKindConfig(text: string, nameOverride?: string): ParsedKindConfig {
  let doc: unknown;
  try {
    doc = text.trim() === '' ? {} : parse(text);
  } catch (e) {
    throw new KindConfigError(`error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isObj(doc)) throw new KindConfigError("failed to decode config: Object 'Kind' is missing");
  if (doc.kind !== undefined && doc.kind !== 'Cluster')
    throw new KindConfigError(`unknown kind "${String(doc.kind)}" for apiVersion "${String(doc.apiVersion)}"`);
  if (doc.apiVersion !== undefined && doc.apiVersion !== 'kind.x-k8s.io/v1alpha4')
    throw new KindConfigError(`unknown apiVersion: ${String(doc.apiVersion)}`);
  const rawNodes = Array.isArray(doc.nodes) && doc.nodes.length ? doc.nodes : [{ role: 'control-plane' }];
  const nodes: KindConfig['nodes'] = [];
  const portMappings: PortMapping[][] = [];
  for (const raw of rawNodes) {
    const n = isObj(raw) ? raw : {};
    const role = n.role ?? 'control-plane';
    if (role !== 'control-plane' && role !== 'worker')
      throw new KindConfigError(`invalid configuration: unknown role "${String(role)}"`);
    const labels = isObj(n.labels)
      ? Object.fromEntries(Object.entries(n.labels).map(([k, v]) => [k, String(v)]))
      : undefined;
    nodes.push({ role, ...(labels ? { labels } : {}) });
    const maps = Array.isArray(n.extraPortMappings) ? n.extraPortMappings.filter(isObj) : [];
    portMappings.push(
      maps.map((m) => ({
        containerPort: Number(m.containerPort),
        hostPort: Number(m.hostPort ?? 0),
        listenAddress: String(m.listenAddress ?? '0.0.0.0'),
        protocol: String(m.protocol ?? 'TCP').toUpperCase() as PortMapping['protocol'],
      })),
    );
  }
  const net = isObj(doc.networking) ? doc.networking : {};
  const kubeProxy: KubeProxyPatch = {};
  kubeProxyPatch(doc.kubeadmConfigPatches, kubeProxy);
  for (const n of rawNodes) if (isObj(n)) kubeProxyPatch(n.kubeadmConfigPatches, kubeProxy);
  const mode = net.kubeProxyMode ?? kubeProxy.mode;
  if (mode !== undefined && mode !== 'iptables' && mode !== 'ipvs' && mode !== 'none')
    throw new KindConfigError(`invalid configuration: invalid kubeProxyMode: ${String(mode)}`);
  const name = nameOverride || (typeof doc.name === 'string' ? doc.name : '') || 'kind';
  return {
    name,
    nodes,
    portMappings,
    disableDefaultCNI: net.disableDefaultCNI === true,
    kubeProxy,
    ...(typeof net.podSubnet === 'string' ? { podSubnet: net.podSubnet } : {}),
    ...(typeof net.serviceSubnet === 'string' ? { serviceSubnet: net.serviceSubnet } : {}),
    ...(mode === 'iptables' || mode === 'ipvs' ? { kubeProxyMode: mode } : {}),
  };
}

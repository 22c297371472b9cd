/**
 * The files the cluster's PKI leaves behind, generated from it on first read and then ordinary
 * files (`initial` providers: a learner may edit or remove them): /etc/kubernetes on the control
 * plane (pki/, the kubeconfig files kubeadm writes, the static-pod manifests), the CA and kubelet.conf
 * on workers, and on the learner's machine the kubeconfig `kind create cluster` (or a copied
 * admin.conf, or `aws eks update-kubeconfig`) wrote.
 */
import type { Emulator } from '../emulator';
import type { LocationRef } from '../shell/types';
import type { FileProvider, ProviderContext } from '../shell/vfs';
import { HOST_HOME } from '../shell/accounts';
import { toKubectlYaml } from '../format/yaml';
import { emptyKubeconfig, serializeKubeconfig, type Kubeconfig } from '../kubeconfig/kubeconfig';
import { clusterPki, pkiSourceOf, PKI_FILES, type CertId, type ClusterPki } from './cluster';
import { toBase64 } from './pem';
import { pkcs1Pem, publicKeyPem } from './x509';

const utf8 = (s: string) => toBase64(new TextEncoder().encode(s));

function nodeOf(emu: Emulator, loc: LocationRef) {
  return loc.kind === 'node' ? emu.store.get('nodes', undefined, loc.node) : undefined;
}

function isControlPlane(emu: Emulator, loc: LocationRef): boolean {
  return nodeOf(emu, loc)?.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;
}

/** A kubeconfig with one cluster, user and context, as clientcmd writes it. */
export function singleKubeconfig(o: {
  cluster: string;
  server: string;
  caPem: string;
  user: string;
  context: string;
  certPem?: string;
  keyPem?: string;
  certFile?: string;
  exec?: Record<string, unknown>;
}): string {
  const c: Kubeconfig = emptyKubeconfig();
  c.clusters.set(o.cluster, { 'certificate-authority-data': utf8(o.caPem), server: o.server });
  c.contexts.set(o.context, { cluster: o.cluster, user: o.user });
  c.currentContext = o.context;
  c.users.set(
    o.user,
    o.exec
      ? { exec: o.exec }
      : o.certFile
        ? { 'client-certificate': o.certFile, 'client-key': o.certFile }
        : { 'client-certificate-data': utf8(o.certPem!), 'client-key-data': utf8(o.keyPem!) },
  );
  return serializeKubeconfig(c);
}

/** Where kubeadm points a kubeconfig: the control-plane endpoint (kind's `NAME-control-plane:6443`) or the node's address. */
function endpoint(emu: Emulator, pki: ClusterPki, local: boolean): string {
  const kind = emu.cluster.config?.context.startsWith('kind-');
  const f = pki.facts;
  return kind && !local ? `https://${f.controlPlane}:6443` : `https://${f.advertiseAddress}:6443`;
}

const KUBECONFIG_FILES: Record<string, { cert: CertId; user: string; local: boolean }> = {
  'admin.conf': { cert: 'admin.conf', user: 'kubernetes-admin', local: false },
  'super-admin.conf': { cert: 'super-admin.conf', user: 'kubernetes-super-admin', local: false },
  'controller-manager.conf': { cert: 'controller-manager.conf', user: 'system:kube-controller-manager', local: true },
  'scheduler.conf': { cert: 'scheduler.conf', user: 'system:kube-scheduler', local: true },
};

function kubeadmKubeconfig(emu: Emulator, pki: ClusterPki, file: string): string {
  const spec = KUBECONFIG_FILES[file]!;
  const cert = pki.cert(spec.cert);
  const cluster = pki.facts.clusterName;
  return singleKubeconfig({
    cluster,
    server: endpoint(emu, pki, spec.local),
    caPem: pki.ca.pem,
    user: spec.user,
    context: `${spec.user}@${cluster}`,
    certPem: cert.pem,
    keyPem: cert.keyPem,
  });
}

/** kubelet.conf: the node's rotated client certificate, by path (TLS bootstrap wrote it). */
function kubeletKubeconfig(emu: Emulator, pki: ClusterPki): string {
  return singleKubeconfig({
    cluster: 'default-cluster',
    server: endpoint(emu, pki, false),
    caPem: pki.ca.pem,
    user: 'default-auth',
    context: 'default-context',
    certFile: '/var/lib/kubelet/pki/kubelet-client-current.pem',
  });
}

/** The static pod manifest kubeadm wrote for a control-plane component, from the mirror pod the kubelet reports. */
function staticPodManifest(emu: Emulator, node: string, component: string): string | undefined {
  const pod = emu.store.get('pods', 'kube-system', `${component}-${node}`);
  if (!pod) return undefined;
  const kubeadmAnnotations = Object.fromEntries(
    Object.entries(pod.metadata.annotations ?? {}).filter(([k]) => k.startsWith('kubeadm.kubernetes.io/')),
  );
  const c = pod.spec.containers[0];
  return toKubectlYaml({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(Object.keys(kubeadmAnnotations).length ? { annotations: kubeadmAnnotations } : {}),
      creationTimestamp: null,
      labels: pod.metadata.labels,
      name: component,
      namespace: 'kube-system',
    },
    spec: {
      containers: [
        {
          command: c.command,
          image: c.image,
          imagePullPolicy: c.imagePullPolicy,
          name: c.name,
          resources: c.resources,
        },
      ],
      hostNetwork: true,
      priority: pod.spec.priority,
      priorityClassName: pod.spec.priorityClassName,
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    },
    status: {},
  });
}

const cp = (read: (pki: ClusterPki, ctx: ProviderContext) => string | undefined) => (ctx: ProviderContext) => {
  if (!isControlPlane(ctx.emulator, ctx.location)) return undefined;
  const pki = clusterPki(pkiSourceOf(ctx.emulator));
  return pki ? read(pki, ctx) : undefined;
};

const PKI_DIR = '/etc/kubernetes/pki';

const controlPlaneFiles: FileProvider[] = [
  // ca.crt is on every node (below); its key only here.
  ...PKI_FILES.flatMap((id): FileProvider[] => [
    ...(id === 'ca'
      ? []
      : [
          {
            path: `${PKI_DIR}/${id}.crt`,
            kinds: ['node' as const],
            initial: true,
            read: cp((pki) => pki.cert(id).pem),
          },
        ]),
    {
      path: `${PKI_DIR}/${id}.key`,
      kinds: ['node'],
      initial: true,
      mode: 0o600,
      read: cp((pki) => pki.cert(id).keyPem),
    },
  ]),
  {
    path: `${PKI_DIR}/sa.key`,
    kinds: ['node'],
    initial: true,
    mode: 0o600,
    read: cp((pki) => pkcs1Pem(pki.key('sa'))),
  },
  { path: `${PKI_DIR}/sa.pub`, kinds: ['node'], initial: true, read: cp((pki) => publicKeyPem(pki.key('sa'))) },
  ...Object.keys(KUBECONFIG_FILES).map((file): FileProvider => ({
    path: `/etc/kubernetes/${file}`,
    kinds: ['node'],
    initial: true,
    mode: 0o600,
    read: cp((pki, ctx) => memo(ctx.emulator, pki, file, () => kubeadmKubeconfig(ctx.emulator, pki, file))),
  })),
  ...['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((component): FileProvider => ({
    path: `/etc/kubernetes/manifests/${component}.yaml`,
    kinds: ['node'],
    initial: true,
    mode: 0o600,
    read: cp((_pki, ctx) =>
      ctx.location.kind === 'node' ? staticPodManifest(ctx.emulator, ctx.location.node, component) : undefined,
    ),
  })),
];

/** Every kubeadm node has the cluster CA and its kubelet's kubeconfig. */
const everyNodeFiles: FileProvider[] = [
  {
    path: `${PKI_DIR}/ca.crt`,
    kinds: ['node'],
    initial: true,
    read: ({ emulator, location }) => {
      const pki = nodeOf(emulator, location) ? clusterPki(pkiSourceOf(emulator)) : undefined;
      return pki?.facts.controlPlane ? pki.ca.pem : undefined;
    },
  },
  {
    path: '/etc/kubernetes/kubelet.conf',
    kinds: ['node'],
    initial: true,
    mode: 0o600,
    read: ({ emulator, location }) => {
      const pki = nodeOf(emulator, location) ? clusterPki(pkiSourceOf(emulator)) : undefined;
      return pki?.facts.controlPlane ? kubeletKubeconfig(emulator, pki) : undefined;
    },
  },
];

const rendered = new Map<string, string>();

/** A generated file's text, rendered once per PKI and cluster (every kubectl command reads the kubeconfig). */
function memo(emu: Emulator, pki: ClusterPki, what: string, render: () => string): string {
  const key = `${pki.id}/${emu.cluster.config?.context}/${emu.cluster.config?.apiServerUrl}/${what}`;
  let text = rendered.get(key);
  if (text === undefined) {
    text = render();
    if (rendered.size > 64) rendered.clear();
    rendered.set(key, text);
  }
  return text;
}

/** What the learner's kubeconfig holds right after the cluster was made (kind, a copied admin.conf, or EKS). */
export function hostKubeconfig(emu: Emulator): string | undefined {
  const config = emu.cluster.config;
  if (!config) return undefined;
  const pki = clusterPki(pkiSourceOf(emu));
  if (!pki) return undefined;
  return memo(emu, pki, 'host', () => renderHostKubeconfig(emu, pki));
}

function renderHostKubeconfig(emu: Emulator, pki: ClusterPki): string {
  const config = emu.cluster.config!;
  if (config.context.startsWith('kind-')) {
    // kind exports admin.conf with its names changed to kind-NAME and the server to the published port.
    const admin = pki.cert('admin.conf');
    return singleKubeconfig({
      cluster: config.context,
      server: config.apiServerUrl,
      caPem: pki.ca.pem,
      user: config.context,
      context: config.context,
      certPem: admin.pem,
      keyPem: admin.keyPem,
    });
  }
  if (!pki.facts.controlPlane) {
    // `aws eks update-kubeconfig`: the cluster's ARN everywhere, and a token from `aws eks get-token`.
    const region = /^arn:aws:eks:([^:]+):/.exec(config.context)?.[1] ?? 'ap-northeast-2';
    return singleKubeconfig({
      cluster: config.context,
      server: config.apiServerUrl,
      caPem: pki.ca.pem,
      user: config.context,
      context: config.context,
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        args: ['--region', region, 'eks', 'get-token', '--cluster-name', config.name, '--output', 'json'],
        command: 'aws',
      },
    });
  }
  return kubeadmKubeconfig(emu, pki, 'admin.conf').replace(endpoint(emu, pki, false), config.apiServerUrl);
}

const hostFiles: FileProvider[] = [
  {
    path: `${HOST_HOME}/.kube/config`,
    kinds: ['host'],
    initial: true,
    mode: 0o600,
    read: ({ emulator }) => hostKubeconfig(emulator),
  },
];

export const pkiFileProviders: readonly FileProvider[] = [...hostFiles, ...controlPlaneFiles, ...everyNodeFiles];

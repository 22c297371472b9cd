/**
 * The kube-system contents of a kubeadm-built cluster (kind uses kubeadm): CoreDNS, kube-proxy, the
 * CNI daemonset and their ConfigMaps, as `kubectl get -n kube-system ...` shows them on a real cluster.
 */
import type { KubeObject } from '../cluster/types';
import { AWS_NODE_AGENT_IMAGE, AWS_NODE_IMAGE, awsNodeObjects } from './aws-node';
import type { ClusterTopology } from './topology';

/** The kubeadm Corefile (facts-dns-cni-rbac 1.2). */
export const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.1';

/** KubeProxyConfiguration as kubeadm writes it into the kube-proxy ConfigMap (`config.conf`). */
export function kubeProxyConfig(t: ClusterTopology): string {
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${t.config.podCidr}
configSyncPeriod: 0s
conntrack:
  maxPerCore: 0
  min: null
  tcpBeLiberal: false
  tcpCloseWaitTimeout: null
  tcpEstablishedTimeout: null
  udpStreamTimeout: 0s
  udpTimeout: 0s
detectLocal:
  bridgeInterface: ""
  interfaceNamePrefix: ""
detectLocalMode: ""
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 1s
  syncPeriod: 0s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  strictARP: ${t.kubeProxy?.strictARP ? 'true' : 'false'}
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
metricsBindAddress: ${t.addons.cniDaemonSet === 'kindnet' ? '0.0.0.0:10249' : ''}
mode: ${t.config.proxyMode}
nftables:
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
showHiddenMetricsForProxy: ""
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""
`;
}

function kubeProxyKubeconfig(t: ClusterTopology): string {
  const cp = t.nodes.find((n) => n.role === 'control-plane');
  const server =
    t.addons.cniDaemonSet === 'kindnet'
      ? `https://${t.config.name}-control-plane:6443`
      : cp
        ? `https://${cp.ip}:6443`
        : t.config.apiServerUrl;
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: ${server}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
`;
}

function configMap(
  ns: string,
  name: string,
  data: Record<string, string>,
  labels?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns, ...(labels ? { labels } : {}) },
    data,
  };
}

/** ConfigMaps kubeadm leaves in kube-system (and kube-public's cluster-info). */
export function systemConfigMaps(t: ClusterTopology): KubeObject[] {
  const cp = t.nodes.find((n) => n.role === 'control-plane');
  return [
    configMap('kube-system', 'coredns', { Corefile: COREFILE }),
    configMap(
      'kube-system',
      'kube-proxy',
      { 'config.conf': kubeProxyConfig(t), 'kubeconfig.conf': kubeProxyKubeconfig(t) },
      { app: 'kube-proxy' },
    ),
    configMap('kube-system', 'kubeadm-config', {
      ClusterConfiguration: `apiServer:
  certSANs:
  - localhost
  - 127.0.0.1
  extraArgs:
    runtime-config: ""
apiVersion: kubeadm.k8s.io/v1beta3
certificatesDir: /etc/kubernetes/pki
clusterName: ${t.config.name}
controlPlaneEndpoint: ${cp ? `${cp.name}:6443` : ''}
controllerManager:
  extraArgs:
    enable-hostpath-provisioner: "true"
dns: {}
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${t.config.kubernetesVersion}
networking:
  dnsDomain: cluster.local
  podSubnet: ${t.config.podCidr}
  serviceSubnet: ${t.config.serviceCidr}
scheduler: {}
`,
    }),
    configMap('kube-system', 'kubelet-config', {
      kubelet: `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
cgroupDriver: systemd
clusterDNS:
- ${dnsIp(t)}
clusterDomain: cluster.local
kind: KubeletConfiguration
maxPods: ${t.config.maxPodsPerNode}
`,
    }),
    configMap('kube-system', 'extension-apiserver-authentication', {
      'client-ca-file': '-----BEGIN CERTIFICATE-----\n(cluster CA)\n-----END CERTIFICATE-----\n',
      'requestheader-allowed-names': '["front-proxy-client"]',
      'requestheader-client-ca-file': '-----BEGIN CERTIFICATE-----\n(front-proxy CA)\n-----END CERTIFICATE-----\n',
      'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
      'requestheader-group-headers': '["X-Remote-Group"]',
      'requestheader-username-headers': '["X-Remote-User"]',
    }),
    configMap('kube-public', 'cluster-info', {
      kubeconfig: `apiVersion: v1\nclusters:\n- cluster:\n    server: ${cp ? `https://${cp.name}:6443` : t.config.apiServerUrl}\n  name: ""\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n`,
    }),
  ];
}

export function dnsIp(t: ClusterTopology): string {
  const base = t.config.serviceCidr.split('/')[0]!.split('.').map(Number);
  return `${base[0]}.${base[1]}.${base[2]}.${base[3]! + 10}`;
}

/** The CoreDNS Deployment and its kube-dns Service (kubeadm manifests). */
export function coreDns(t: ClusterTopology): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: 'kube-system' } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: {
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  {
                    podAffinityTerm: {
                      labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] },
                      topologyKey: 'kubernetes.io/hostname',
                    },
                    weight: 100,
                  },
                ],
              },
            },
            containers: [
              {
                args: ['-conf', '/etc/coredns/Corefile'],
                image: COREDNS_IMAGE,
                imagePullPolicy: 'IfNotPresent',
                livenessProbe: {
                  failureThreshold: 5,
                  httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
                  initialDelaySeconds: 60,
                  periodSeconds: 10,
                  successThreshold: 1,
                  timeoutSeconds: 5,
                },
                name: 'coredns',
                ports: [
                  { containerPort: 53, name: 'dns', protocol: 'UDP' },
                  { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                  { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                ],
                readinessProbe: {
                  failureThreshold: 3,
                  httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' },
                  periodSeconds: 10,
                  successThreshold: 1,
                  timeoutSeconds: 1,
                },
                resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
                  readOnlyRootFilesystem: true,
                },
                volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
              },
            ],
            dnsPolicy: 'Default',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'coredns',
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
            ],
            volumes: [
              {
                configMap: { defaultMode: 420, items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' },
                name: 'config-volume',
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        clusterIP: dnsIp(t),
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
        selector: { 'k8s-app': 'kube-dns' },
      },
    },
  ];
}

/** The kube-proxy DaemonSet (hostNetwork, tolerates everything). */
export function kubeProxy(t: ClusterTopology): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kube-proxy', namespace: 'kube-system' } },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-proxy' } },
          spec: {
            containers: [
              {
                command: [
                  '/usr/local/bin/kube-proxy',
                  '--config=/var/lib/kube-proxy/config.conf',
                  '--hostname-override=$(NODE_NAME)',
                ],
                env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
                image: `registry.k8s.io/kube-proxy:${t.config.kubernetesVersion}`,
                imagePullPolicy: 'IfNotPresent',
                name: 'kube-proxy',
                securityContext: { privileged: true },
              },
            ],
            hostNetwork: true,
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-node-critical',
            serviceAccountName: 'kube-proxy',
            tolerations: [{ operator: 'Exists' }],
          },
        },
      },
    },
  ];
}

/** The CNI's per-node agent: kindnet, weave-net or aws-node. */
export function cniDaemonSet(t: ClusterTopology): KubeObject[] {
  const kind = t.addons.cniDaemonSet;
  if (kind === 'aws-node') return awsNodeObjects();
  const spec: Record<
    string,
    { image: string; container: string; labels: Record<string, string>; hostNetwork: boolean }
  > = {
    kindnet: {
      image: 'docker.io/kindest/kindnetd:v20240813-c6f155d6',
      container: 'kindnet-cni',
      labels: { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' },
      hostNetwork: true,
    },
    'weave-net': {
      image: 'weaveworks/weave-kube:latest',
      container: 'weave',
      labels: { name: 'weave-net' },
      hostNetwork: true,
    },
  };
  // Second container (reference 2.5): weave's network-policy controller.
  const sidecar: Record<string, { name: string; image: string }> = {
    'weave-net': { name: 'weave-npc', image: 'weaveworks/weave-npc:latest' },
  };
  const s = spec[kind]!;
  const selectorKey = kind === 'kindnet' ? { app: 'kindnet' } : { name: 'weave-net' };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: kind, namespace: 'kube-system' } },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: kind, namespace: 'kube-system', labels: s.labels },
      spec: {
        selector: { matchLabels: selectorKey },
        template: {
          metadata: { labels: s.labels },
          spec: {
            containers: [
              {
                image: s.image,
                imagePullPolicy: 'IfNotPresent',
                name: s.container,
                resources: { limits: { cpu: '100m', memory: '50Mi' }, requests: { cpu: '100m', memory: '50Mi' } },
              },
              ...(sidecar[kind]
                ? [
                    {
                      image: sidecar[kind]!.image,
                      imagePullPolicy: 'IfNotPresent',
                      name: sidecar[kind]!.name,
                      resources: { requests: { cpu: '25m' } },
                    },
                  ]
                : []),
            ],
            hostNetwork: s.hostNetwork,
            ...(kind === 'kindnet' ? {} : { nodeSelector: { 'kubernetes.io/os': 'linux' } }),
            serviceAccountName: kind,
            tolerations: [{ operator: 'Exists' }],
          },
        },
      },
    },
  ];
}

/** kind's local-path-provisioner (namespace local-path-storage). */
export function localPath(): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'local-path-storage' } },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'local-path-provisioner-service-account', namespace: 'local-path-storage' },
    },
    configMap('local-path-storage', 'local-path-config', {
      'config.json':
        '{\n        "nodePathMap":[\n        {\n                "node":"DEFAULT_PATH_FOR_NON_LISTED_NODES",\n                "paths":["/var/local-path-provisioner"]\n        }\n        ]\n}',
    }),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'local-path-provisioner', namespace: 'local-path-storage' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'local-path-provisioner' } },
        template: {
          metadata: { labels: { app: 'local-path-provisioner' } },
          spec: {
            containers: [
              {
                command: [
                  'local-path-provisioner',
                  '--debug',
                  'start',
                  '--helper-image',
                  'docker.io/kindest/local-path-helper:v20230510-486859a6',
                  '--config',
                  '/etc/config/config.json',
                ],
                image: 'docker.io/kindest/local-path-provisioner:v20240813-c6f155d6',
                imagePullPolicy: 'IfNotPresent',
                name: 'local-path-provisioner',
              },
            ],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            serviceAccountName: 'local-path-provisioner-service-account',
            tolerations: [
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane', operator: 'Equal' },
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/master', operator: 'Equal' },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    },
  ];
}

/** Images a kind node image ships preloaded (so system pods start without pulls). */
export function preloadedImages(t: ClusterTopology): string[] {
  const v = t.config.kubernetesVersion;
  return [
    COREDNS_IMAGE,
    'registry.k8s.io/etcd:3.5.15-0',
    `registry.k8s.io/kube-apiserver:${v}`,
    `registry.k8s.io/kube-controller-manager:${v}`,
    `registry.k8s.io/kube-scheduler:${v}`,
    `registry.k8s.io/kube-proxy:${v}`,
    'docker.io/kindest/kindnetd:v20240813-c6f155d6',
    'docker.io/kindest/local-path-provisioner:v20240813-c6f155d6',
    'docker.io/kindest/local-path-helper:v20230510-486859a6',
    'weaveworks/weave-kube:latest',
    'weaveworks/weave-npc:latest',
    AWS_NODE_IMAGE,
    AWS_NODE_AGENT_IMAGE,
  ];
}

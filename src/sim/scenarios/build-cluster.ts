/**
 * Builds a running cluster from a topology, the way kubeadm/kind brings one up: control plane and
 * its static pods first, then the add-ons (CoreDNS lands on the control plane because it is the only
 * node yet), then the workers join and the daemonsets follow. The build runs on the virtual clock
 * a few minutes before CLOCK_EPOCH, so AGE columns look like a cluster that has been up a while.
 */
import type { Emulator } from '../emulator';
import type { KubeObject } from '../cluster/types';
import { CLOCK_EPOCH } from '../core/clock';
import { defaultRbacObjects } from './rbac-defaults';
import { coreDns, cniDaemonSet, kubeProxy, localPath, preloadedImages, systemConfigMaps } from './system-objects';
import type { ClusterTopology, NodeSpec } from './topology';
import { fnv32a } from '../cluster/hash';
import { kubeletNextDue, normalizeImage } from '../cluster/controllers/kubelet';
import { microTime, rfc3339 } from '../format/duration';

/** How long before the epoch the cluster was created. */
const UPTIME_MS = 6 * 60_000 + 17_000;

function hex(seed: string, len: number): string {
  let s = '';
  for (let i = 0; s.length < len; i++) s += fnv32a(`${seed}/${i}`).toString(16).padStart(8, '0');
  return s.slice(0, len);
}

function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function nodeObject(t: ClusterTopology, n: NodeSpec): KubeObject {
  const cp = n.role === 'control-plane';
  const details = t.nodeDetails?.(n);
  const labels: Record<string, string> = details?.labels ?? {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    ...(cp
      ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' }
      : {}),
    ...(n.labels ?? {}),
  };
  // kind nodes see the host's CPUs and memory.
  const resources = {
    cpu: '8',
    'ephemeral-storage': '102626232Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: '16322972Ki',
    pods: String(t.config.maxPodsPerNode),
  };
  const providerID = details?.providerID ?? t.providerId(n);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels,
      annotations: details?.annotations ?? {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: n.podCidr,
      podCIDRs: [n.podCidr],
      ...(providerID ? { providerID } : {}),
      ...(cp ? { taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] } : {}),
    },
    status: {
      addresses: details?.addresses ?? [
        { address: n.ip, type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      allocatable: details?.allocatable ?? resources,
      capacity: details?.capacity ?? resources,
      conditions: [],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: uuid(`${n.name}/boot`),
        containerRuntimeVersion: t.containerRuntimeVersion,
        kernelVersion: t.kernelVersion,
        kubeProxyVersion: '',
        kubeletVersion: details?.kubeletVersion ?? t.config.kubernetesVersion,
        machineID: details?.machineID ?? hex(`${n.name}/machine`, 32),
        operatingSystem: 'linux',
        osImage: t.osImage,
        systemUUID: details?.systemUUID ?? uuid(`${n.name}/system`),
      },
    },
  };
}

function nodeConditions(ts: string): any[] {
  const c = (type: string, status: string, reason: string, message: string) => ({
    lastHeartbeatTime: ts,
    lastTransitionTime: ts,
    message,
    reason,
    status,
    type,
  });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

/** kubeadm's static pods; their flags are sorted by name as kubeadm writes them (so the apiserver's TLS files follow its service range). */
function staticPods(t: ClusterTopology, n: NodeSpec): KubeObject[] {
  const v = t.config.kubernetesVersion;
  const kind = t.config.context.startsWith('kind-');
  const pki = '/etc/kubernetes/pki';
  // kubeadm v1.31's flags (controlplane/manifests.go, etcd/local.go), sorted as kubeadm writes them;
  // kind adds `--runtime-config=` and the hostpath provisioner through its kubeadm config.
  const comps: Array<{ name: string; image: string; command: string[] }> = [
    {
      name: 'etcd',
      image: 'registry.k8s.io/etcd:3.5.15-0',
      command: [
        'etcd',
        `--advertise-client-urls=https://${n.ip}:2379`,
        `--cert-file=${pki}/etcd/server.crt`,
        '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd',
        '--experimental-initial-corrupt-check=true',
        '--experimental-watch-progress-notify-interval=5s',
        `--initial-advertise-peer-urls=https://${n.ip}:2380`,
        `--initial-cluster=${n.name}=https://${n.ip}:2380`,
        `--key-file=${pki}/etcd/server.key`,
        `--listen-client-urls=https://127.0.0.1:2379,https://${n.ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${n.ip}:2380`,
        `--name=${n.name}`,
        `--peer-cert-file=${pki}/etcd/peer.crt`,
        '--peer-client-cert-auth=true',
        `--peer-key-file=${pki}/etcd/peer.key`,
        `--peer-trusted-ca-file=${pki}/etcd/ca.crt`,
        '--snapshot-count=10000',
        `--trusted-ca-file=${pki}/etcd/ca.crt`,
      ],
    },
    {
      name: 'kube-apiserver',
      image: `registry.k8s.io/kube-apiserver:${v}`,
      command: [
        'kube-apiserver',
        `--advertise-address=${n.ip}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        `--client-ca-file=${pki}/ca.crt`,
        '--enable-admission-plugins=NodeRestriction',
        '--enable-bootstrap-token-auth=true',
        `--etcd-cafile=${pki}/etcd/ca.crt`,
        `--etcd-certfile=${pki}/apiserver-etcd-client.crt`,
        `--etcd-keyfile=${pki}/apiserver-etcd-client.key`,
        '--etcd-servers=https://127.0.0.1:2379',
        `--kubelet-client-certificate=${pki}/apiserver-kubelet-client.crt`,
        `--kubelet-client-key=${pki}/apiserver-kubelet-client.key`,
        '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        `--proxy-client-cert-file=${pki}/front-proxy-client.crt`,
        `--proxy-client-key-file=${pki}/front-proxy-client.key`,
        '--requestheader-allowed-names=front-proxy-client',
        `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`,
        '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-username-headers=X-Remote-User',
        ...(kind ? ['--runtime-config='] : []),
        '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${pki}/sa.pub`,
        `--service-account-signing-key-file=${pki}/sa.key`,
        `--service-cluster-ip-range=${t.config.serviceCidr}`,
        `--tls-cert-file=${pki}/apiserver.crt`,
        `--tls-private-key-file=${pki}/apiserver.key`,
      ],
    },
    {
      name: 'kube-controller-manager',
      image: `registry.k8s.io/kube-controller-manager:${v}`,
      command: [
        'kube-controller-manager',
        '--allocate-node-cidrs=true',
        '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--bind-address=127.0.0.1',
        `--client-ca-file=${pki}/ca.crt`,
        `--cluster-cidr=${t.config.podCidr}`,
        `--cluster-name=${t.config.name}`,
        `--cluster-signing-cert-file=${pki}/ca.crt`,
        `--cluster-signing-key-file=${pki}/ca.key`,
        '--controllers=*,bootstrapsigner,tokencleaner',
        ...(kind ? ['--enable-hostpath-provisioner=true'] : []),
        '--kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--leader-elect=true',
        `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`,
        `--root-ca-file=${pki}/ca.crt`,
        `--service-account-private-key-file=${pki}/sa.key`,
        `--service-cluster-ip-range=${t.config.serviceCidr}`,
        '--use-service-account-credentials=true',
      ],
    },
    {
      name: 'kube-scheduler',
      image: `registry.k8s.io/kube-scheduler:${v}`,
      command: [
        'kube-scheduler',
        '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1',
        '--kubeconfig=/etc/kubernetes/scheduler.conf',
        '--leader-elect=true',
      ],
    },
  ];
  return comps.map((comp) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${comp.name}-${n.name}`,
      namespace: 'kube-system',
      labels: { component: comp.name, tier: 'control-plane' },
      annotations: {
        'kubernetes.io/config.hash': hex(`${n.name}/${comp.name}`, 32),
        'kubernetes.io/config.mirror': hex(`${n.name}/${comp.name}`, 32),
        'kubernetes.io/config.seen': new Date(CLOCK_EPOCH - UPTIME_MS - 3000).toISOString().replace('Z', '000000Z'),
        'kubernetes.io/config.source': 'file',
        ...(comp.name === 'kube-apiserver'
          ? { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${n.ip}:6443` }
          : {}),
        ...(comp.name === 'etcd' ? { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${n.ip}:2379` } : {}),
      },
    },
    spec: {
      containers: [
        {
          command: comp.command,
          image: comp.image,
          imagePullPolicy: 'IfNotPresent',
          name: comp.name,
          resources: {
            requests: {
              cpu:
                comp.name === 'etcd'
                  ? '100m'
                  : comp.name === 'kube-apiserver'
                    ? '250m'
                    : comp.name === 'kube-controller-manager'
                      ? '200m'
                      : '100m',
            },
          },
        },
      ],
      hostNetwork: true,
      nodeName: n.name,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
    },
  }));
}

/** The kubelet's start-up events for a node (namespace default), as `kubectl get events` shows them on a new cluster. */
function nodeEvents(emu: Emulator, node: KubeObject): void {
  const c = emu.cluster;
  const name = node.metadata.name;
  const kubelet = { component: 'kubelet', host: name };
  c.recordEvent({ involved: node, reason: 'Starting', message: 'Starting kubelet.', source: kubelet });
  for (const cond of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) {
    c.recordEvent({ involved: node, reason: cond, message: `Node ${name} status is now: ${cond}`, source: kubelet });
  }
  c.recordEvent({
    involved: node,
    reason: 'NodeAllocatableEnforced',
    message: 'Updated Node Allocatable limit across pods',
    source: kubelet,
  });
  c.recordEvent({
    involved: node,
    reason: 'RegisteredNode',
    message: `Node ${name} event: Registered Node ${name} in Controller`,
    source: { component: 'node-controller' },
  });
}

export interface BuildOptions {
  /**
   * `scenario` (default): the cluster was built a few minutes before CLOCK_EPOCH and the clock ends
   * there. `live`: built from the current virtual time onwards, as `kind create cluster` does.
   */
  mode?: 'scenario' | 'live';
}

/** Build the cluster described by `t` into the emulator (see BuildOptions for where the clock ends). */
export function buildCluster(emu: Emulator, t: ClusterTopology, opts: BuildOptions = {}): void {
  const c = emu.cluster;
  const live = opts.mode === 'live';
  const start = live ? emu.clock.now() : CLOCK_EPOCH - UPTIME_MS;
  const end = live ? start + 40_000 : CLOCK_EPOCH;
  emu.clock.set(start);
  c.configure(t.config);
  const apply = (o: KubeObject) => c.createInternal(structuredClone(o));
  const step = (ms: number) => {
    // Advance in small steps so pods start in order and events carry plausible times. A step before
    // the kubelet's next due time would tick for nothing (the controllers' queue is empty between
    // steps): the clock just moves, which keeps every timestamp and draw as if it had ticked.
    let due = kubeletNextDue(c);
    for (let left = ms; left > 0; left -= 1000) {
      const dt = Math.min(1000, left);
      if (emu.clock.now() + dt < due) {
        emu.clock.advance(dt);
        continue;
      }
      emu.advanceTime(dt);
      due = kubeletNextDue(c);
    }
  };

  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system'])
    apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  c.reconcile();
  for (const o of defaultRbacObjects()) apply(o);
  const apiNode = t.nodes.find((n) => n.role === 'control-plane');
  // kube-apiserver's advertised addresses: the control-plane node's, or (EKS) its ENIs in the VPC.
  const apiIps = t.apiEndpoints?.ips ?? (apiNode ? [apiNode.ip] : []);
  const apiPort = t.apiEndpoints?.port ?? 6443;
  const kubernetesSvc = apply({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: c.wellKnownServiceIp('kubernetes'),
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: apiPort }],
    },
  });
  apply({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
    },
    subsets: [{ addresses: apiIps.map((ip) => ({ ip })), ports: [{ name: 'https', port: apiPort, protocol: 'TCP' }] }],
  });
  apply({
    addressType: 'IPv4',
    apiVersion: 'discovery.k8s.io/v1',
    endpoints: apiIps.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    ports: [{ name: 'https', port: apiPort, protocol: 'TCP' }],
  });
  void kubernetesSvc;
  c.reconcile();
  step(2000);

  const images = preloadedImages(t).map(normalizeImage);
  const joinNode = (n: NodeSpec) => {
    c.nodeImages[n.name] = [...images];
    const node = nodeObject(t, n);
    node.status.conditions = nodeConditions(rfc3339(emu.clock.now()));
    const stored = apply(node);
    nodeEvents(emu, stored);
    // The kubelet's heartbeat Lease (kube-node-lease), renewed by Cluster.tick.
    apply({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: n.name,
        namespace: 'kube-node-lease',
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: n.name, uid: stored.metadata.uid! }],
      },
      spec: { holderIdentity: n.name, leaseDurationSeconds: 40, renewTime: microTime(emu.clock.now()) },
    });
    c.reconcile();
  };

  const cps = t.controlPlaneVisible ? t.nodes.filter((n) => n.role === 'control-plane') : [];
  for (const n of cps) {
    joinNode(n);
    for (const p of staticPods(t, n)) apply(p);
    c.reconcile();
  }
  step(6000);
  for (const o of systemConfigMaps(t)) apply(o);
  for (const o of [...coreDns(t), ...kubeProxy(t), ...cniDaemonSet(t)]) apply(o);
  c.reconcile();
  if (t.addons.localPath) {
    for (const o of localPath()) apply(o);
    c.reconcile();
  }
  if (!t.controlPlaneVisible) {
    // EKS: no visible control plane; CoreDNS waits for the first worker.
    for (const n of t.nodes) joinNode(n);
    step(20_000);
  } else {
    step(14_000);
    const workers = t.nodes.filter((n) => n.role === 'worker');
    for (const n of workers) {
      joinNode(n);
      step(1000);
    }
  }
  while (emu.clock.now() < end - 1000) step(Math.min(10_000, end - 1000 - emu.clock.now()));
  emu.clock.set(end);
  emu.cluster.tick();
}

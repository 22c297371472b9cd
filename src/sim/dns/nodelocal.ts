/**
 * NodeLocal DNSCache (reference 1.3): the `node-local-dns` DaemonSet runs CoreDNS in cache mode on
 * every node (host network), listening on the link-local 169.254.20.10 and, with kube-proxy in
 * iptables mode, on the kube-dns ClusterIP too, so pods need no change; cluster names go to CoreDNS
 * through the `kube-dns-upstream` Service (over TCP), the rest upstream. With IPVS, kubelet's
 * clusterDNS must point at 169.254.20.10 (the kubelet-config ConfigMap, which pod resolv.conf reads).
 */
import type { Emulator } from '../emulator';
import type { KubeObject } from '../cluster/types';
import { coreDnsAnswer } from './coredns';
import { emptyResponse, type DnsQuestion, type DnsResponse } from './message';
import { inZone } from './names';
import { serviceEndpoints } from './records';
import { upstreamAnswer } from './upstream';

/** The default link-local listen address (nodelocaldns.yaml `__PILLAR__LOCAL__DNS__`). */
export const NODE_LOCAL_DNS_IP = '169.254.20.10';
const IMAGE = 'registry.k8s.io/dns/k8s-dns-node-cache:1.23.1';

/** The node-cache Corefile with the pillars filled in (kubernetes cluster/addons/dns/nodelocaldns). */
export function nodeLocalCorefile(localIp: string, kubeDnsIp: string, upstreamIp: string): string {
  const zone = (z: string, cache: string) => `${z}:53 {
    errors
    cache ${cache}
    reload
    loop
    bind ${localIp} ${kubeDnsIp}
    forward . ${upstreamIp} {
            force_tcp
    }
    prometheus :9253
${z === 'cluster.local' ? `    health ${localIp}:8080\n` : ''}    }
`;
  return `${zone('cluster.local', '{\n            success 9984 30\n            denial 9984 5\n    }')}${zone('in-addr.arpa', '30')}${zone('ip6.arpa', '30')}.:53 {
    errors
    cache 30
    reload
    loop
    bind ${localIp} ${kubeDnsIp}
    forward . /etc/resolv.conf
    prometheus :9253
    }
`;
}

/** The objects `kubectl apply -f nodelocaldns.yaml` creates (pillars filled), for scenarios and labs to add. */
export function nodeLocalDnsObjects(kubeDnsIp: string, upstreamIp: string, localIp = NODE_LOCAL_DNS_IP): KubeObject[] {
  const labels = { 'k8s-app': 'node-local-dns' };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'node-local-dns', namespace: 'kube-system', labels: { 'kubernetes.io/cluster-service': 'true', 'addonmanager.kubernetes.io/mode': 'Reconcile' } } },
    {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 'kube-dns-upstream', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'addonmanager.kubernetes.io/mode': 'Reconcile', 'kubernetes.io/name': 'KubeDNSUpstream' } },
      spec: { clusterIP: upstreamIp, ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }], selector: { 'k8s-app': 'kube-dns' } },
    },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'node-local-dns', namespace: 'kube-system', labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile' } }, data: { Corefile: nodeLocalCorefile(localIp, kubeDnsIp, upstreamIp) } },
    {
      apiVersion: 'apps/v1', kind: 'DaemonSet',
      metadata: { name: 'node-local-dns', namespace: 'kube-system', labels: { ...labels, 'kubernetes.io/cluster-service': 'true', 'addonmanager.kubernetes.io/mode': 'Reconcile' } },
      spec: {
        selector: { matchLabels: labels },
        updateStrategy: { rollingUpdate: { maxUnavailable: '10%' } },
        template: {
          metadata: { labels },
          spec: {
            priorityClassName: 'system-node-critical',
            serviceAccountName: 'node-local-dns',
            hostNetwork: true,
            dnsPolicy: 'Default',
            tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoExecute', operator: 'Exists' }, { effect: 'NoSchedule', operator: 'Exists' }],
            containers: [{
              name: 'node-cache', image: IMAGE,
              resources: { requests: { cpu: '25m', memory: '5Mi' } },
              args: ['-localip', `${localIp},${kubeDnsIp}`, '-conf', '/etc/Corefile', '-upstreamsvc', 'kube-dns-upstream'],
              ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' }, { containerPort: 9253, name: 'metrics', protocol: 'TCP' }],
            }],
          },
        },
      },
    },
  ];
}

/** The running node-cache pod on `node`, if NodeLocal DNSCache is deployed there. */
export function nodeLocalCachePod(emu: Emulator, node: string | undefined): KubeObject | undefined {
  if (!node) return undefined;
  return emu.store.list('pods', 'kube-system').find((p) => p.metadata.labels?.['k8s-app'] === 'node-local-dns' && p.spec?.nodeName === node && p.status?.phase === 'Running');
}

/** The addresses a node-cache pod listens on (`-localip a,b`). */
export function nodeLocalListenIps(pod: KubeObject): string[] {
  const args = ((pod.spec?.containers ?? [])[0]?.args ?? []) as string[];
  const i = args.indexOf('-localip');
  return i >= 0 ? String(args[i + 1] ?? '').split(',').filter(Boolean) : [NODE_LOCAL_DNS_IP];
}

/** node-cache's reply: cluster zones via kube-dns-upstream to CoreDNS (SERVFAIL when it has no endpoint), the rest upstream. */
export function nodeLocalAnswer(emu: Emulator, q: DnsQuestion): DnsResponse {
  const cluster = ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.'].some((z) => inZone(q.name, z));
  if (!cluster) return upstreamAnswer(q);
  const svc = emu.store.get('services', 'kube-system', 'kube-dns-upstream') ?? emu.store.get('services', 'kube-system', 'kube-dns');
  const ready = svc ? serviceEndpoints(emu.store, svc).filter((e) => e.ready) : [];
  if (!ready.length) return emptyResponse(q, 'SERVFAIL', false, true);
  return coreDnsAnswer(emu.store, q);
}

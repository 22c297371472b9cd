/** `kubectl describe networkpolicy` (describe.go describeNetworkPolicy and its rule printers). */
import type { KubeObject } from '../../cluster/types';
import { parseTimestamp } from '../duration';
import { formatLabelSelector } from '../labels';
import { DescribeWriter, writeAnnotations, writeLabels } from './writer';

/** Go's time.Time.String() in UTC, as `Created on:\t%s` prints metav1.Time: `2026-10-02 15:50:00 +0000 UTC`. */
export function goTimeString(timestamp: string | undefined): string {
  const ms = parseTimestamp(timestamp);
  if (ms === undefined) return '0001-01-01 00:00:00 +0000 UTC';
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? `.${frac}` : ''} +0000 UTC`;
}

interface Peer {
  podSelector?: any;
  namespaceSelector?: any;
  ipBlock?: { cidr: string; except?: string[] };
}
interface Rule {
  ports?: { port?: number | string; endPort?: number; protocol?: string }[];
  from?: Peer[];
  to?: Peer[];
}

/** printNetworkPolicySpecIngressFrom / EgressTo: ports, then peers, rules separated by `----------`. */
function writeRules(w: DescribeWriter, rules: Rule[], direction: 'ingress' | 'egress'): void {
  const indent = '    ';
  const [peerTitle, anyPeer, none] =
    direction === 'ingress'
      ? [
          'From',
          'From: <any> (traffic not restricted by source)',
          '<none> (Selected pods are isolated for ingress connectivity)',
        ]
      : [
          'To',
          'To: <any> (traffic not restricted by destination)',
          '<none> (Selected pods are isolated for egress connectivity)',
        ];
  if (rules.length === 0) {
    w.write(0, `${indent}${none}\n`);
    return;
  }
  rules.forEach((rule, i) => {
    const ports = rule.ports ?? [];
    if (ports.length === 0) w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    for (const p of ports) {
      const proto = p.protocol ?? 'TCP';
      if (p.endPort === undefined) w.write(0, `${indent}To Port: ${p.port ?? ''}/${proto}\n`);
      else w.write(0, `${indent}To Port Range: ${p.port ?? ''}-${p.endPort}/${proto}\n`);
    }
    const peers = (direction === 'ingress' ? rule.from : rule.to) ?? [];
    if (peers.length === 0) w.write(0, `${indent}${anyPeer}\n`);
    for (const peer of peers) {
      w.write(0, `${indent}${peerTitle}:\n`);
      if (peer.podSelector && peer.namespaceSelector) {
        w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
        w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
      } else if (peer.podSelector) {
        w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
      } else if (peer.namespaceSelector) {
        w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      } else if (peer.ipBlock) {
        w.write(1, `${indent}IPBlock:\n`);
        w.write(2, `${indent}CIDR: ${peer.ipBlock.cidr}\n`);
        w.write(2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
      }
    }
    if (i !== rules.length - 1) w.write(0, `${indent}----------\n`);
  });
}

export function describeNetworkPolicy(np: KubeObject): string {
  const w = new DescribeWriter();
  const spec = np.spec ?? {};
  w.write(0, `Name:\t${np.metadata.name}\n`);
  w.write(0, `Namespace:\t${np.metadata.namespace ?? ''}\n`);
  w.write(0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
  writeLabels(w, 'Labels', np.metadata.labels);
  writeAnnotations(w, 'Annotations', np.metadata.annotations);
  w.write(0, 'Spec:\n');
  w.write(1, 'PodSelector: ');
  const sel = spec.podSelector ?? {};
  const empty = Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
  // Upstream writes the selector at LEVEL_2, so its indentation lands after "PodSelector: ".
  w.write(
    2,
    empty ? '<none> (Allowing the specific traffic to all pods in this namespace)\n' : `${formatLabelSelector(sel)}\n`,
  );
  const types: string[] = spec.policyTypes ?? [];
  if (types.includes('Ingress')) {
    w.write(1, 'Allowing ingress traffic:\n');
    writeRules(w, spec.ingress ?? [], 'ingress');
  } else w.write(1, 'Not affecting ingress traffic\n');
  if (types.includes('Egress')) {
    w.write(1, 'Allowing egress traffic:\n');
    writeRules(w, spec.egress ?? [], 'egress');
  } else w.write(1, 'Not affecting egress traffic\n');
  w.write(1, `Policy Types: ${types.join(', ')}\n`);
  return w.toString();
}

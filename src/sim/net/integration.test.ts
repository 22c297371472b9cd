/** The emulator's data plane as commands see it: kube-proxy's rules on a node follow the API. */
import { describe, expect, it } from 'vitest';
import { freshSession, runLines } from '../shell/testing';
describe('iptables in the kind-iptables scenario', () => {
  it('prints the kubernetes service rules kube-proxy wrote on a node', async () => {
    const { sh } = freshSession('kind-iptables');
    const out = await runLines(sh, ['docker exec myk8s-worker iptables -t nat -S KUBE-SERVICES']);
    expect(out.split('\n')).toContain(
      '-A KUBE-SERVICES -d 10.200.1.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y',
    );
    expect(out.split('\n').at(-2)).toBe(
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    );
  });

  it('lets a learner insert a rule on a node and see it listed', async () => {
    const { sh } = freshSession('kind-iptables');
    const out = await runLines(sh, [
      'docker exec myk8s-worker iptables -I INPUT -s 10.10.0.5 -j DROP',
      'docker exec myk8s-worker iptables -S INPUT | head -2',
    ]);
    expect(out).toBe('-P INPUT ACCEPT\n-A INPUT -s 10.10.0.5/32 -j DROP\n');
  });

  it('follows the API: a Service created with kubectl appears in the node tables, with its endpoints', async () => {
    const { sh } = freshSession('kind-iptables');
    const manifest = [
      'cat <<EOF | kubectl apply -f -',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: webpod}',
      'spec:',
      '  replicas: 2',
      '  selector: {matchLabels: {app: webpod}}',
      '  template:',
      '    metadata: {labels: {app: webpod}}',
      '    spec: {containers: [{name: webpod, image: traefik/whoami}]}',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: svc-clusterip}',
      'spec:',
      '  selector: {app: webpod}',
      '  ports: [{name: svc-webport, port: 9000, targetPort: 80}]',
      'EOF',
    ].join('\n');
    await runLines(sh, [manifest, 'sleep 10']);
    const out = await runLines(sh, [
      'docker exec myk8s-worker iptables -t nat -S | grep -c "default/svc-clusterip:svc-webport ->"',
    ]);
    expect(out).toBe('2\n');
  });
});

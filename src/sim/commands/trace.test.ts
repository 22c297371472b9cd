/**
 * `trace`'s headers: each packet is shown as it is where it starts. The request leaves the client for
 * the Service address; its reply leaves the endpoint pod for the client, and only the un-DNAT line
 * on the way back turns the pod's address into the Service's.
 */
import { describe, expect, it } from 'vitest';
import { freshSession, runLines } from '../shell/testing';

const SETUP = [
  'kubectl create deployment web --image=traefik/whoami --replicas=1',
  'kubectl expose deployment web --port=9000 --target-port=80 --cluster-ip=10.200.1.80',
  'kubectl run client --image=nicolaka/netshoot -- sleep infinity',
  'sleep 10',
];

describe('trace headers', () => {
  it('shows the reply leaving the endpoint pod for the client, then un-DNATed to the Service address', async () => {
    const { sh } = freshSession('kind-iptables');
    await runLines(sh, SETUP);
    const client = (await runLines(sh, ["kubectl get pod client -o jsonpath='{.status.podIP}'"])).trim();
    const web = (await runLines(sh, ["kubectl get pod -l app=web -o jsonpath='{.items[0].status.podIP}'"])).trim();
    const out = await runLines(sh, [
      "kubectl exec client -- trace curl -s -o /dev/null 10.200.1.80:9000 | grep -E '^---|: (un-)?DNAT '",
    ]);
    const sport = /TCP [\d.]+:(\d+) ->/.exec(out)?.[1];
    const node = /  (node\/[\w-]+): DNAT/.exec(out)?.[1];
    expect(out).toBe(
      `--- packet 1: TCP ${client}:${sport} -> 10.200.1.80:9000\n` +
        `  ${node}: DNAT 10.200.1.80:9000 -> ${web}:80\n` +
        `--- reply 1: TCP ${web}:80 -> ${client}:${sport}\n` +
        `  ${node}: un-DNAT ${web}:80 -> 10.200.1.80:9000\n`,
    );
  });

  it('addresses the reply to the masqueraded source when the request was SNATed', async () => {
    const { sh } = freshSession('kind-iptables');
    await runLines(sh, SETUP);
    const web = (await runLines(sh, ["kubectl get pod -l app=web -o jsonpath='{.items[0].status.podIP}'"])).trim();
    // From the control-plane node itself: KUBE-MARK-MASQ (source outside the pod CIDR), so MASQUERADE to the node's eth0 address.
    const out = await runLines(sh, [
      "docker exec myk8s-control-plane trace curl -s -o /dev/null 10.200.1.80:9000 | grep -E '^--- reply'",
    ]);
    expect(out).toMatch(new RegExp(`^--- reply 1: TCP ${web.replaceAll('.', '\\.')}:80 -> 172\\.18\\.0\\.2:\\d+\\n$`));
  });
});

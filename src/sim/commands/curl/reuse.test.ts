/**
 * curl sends the URLs of one command line to the same host and port over one kept-alive HTTP/1.1
 * connection, so kube-proxy's rules, which only see a connection's first packet, pick a pod once.
 * Expected texts: a real curl 7.88.1 (Debian bookworm, kind's node image) run against a local
 * HTTP/1.1 server with `curl -sv URL URL` (the same client port on both requests, then
 * "* Found bundle for host: 0x... [serially]", "* Can not multiplex, even if we wanted to",
 * "* Re-using existing connection #0 with host H"), and curl 8.7.1's lib/url.c (tag curl-8_7_1),
 * which drops the "#0" from the last line.
 */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../shell/testing';

const CLIENT = `cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  nodeName: myk8s-control-plane
  containers:
  - name: netshoot
    image: nicolaka/netshoot
    command: ["tail", "-f", "/dev/null"]
EOF`;

async function web() {
  return labSession('kind-iptables', [
    'kubectl create deployment web --image=traefik/whoami --replicas=3',
    'kubectl expose deployment web --port=80',
    CLIENT,
    'sleep 30',
  ]);
}

describe('curl with several URLs', () => {
  it('sends them over one connection: one pod, one client port, one NAT decision', async () => {
    const lab = await web();
    const out = await lab.run('kubectl exec client -- curl -s web web web web | grep -e Hostname -e RemoteAddr');
    const hosts = new Set(out.split('\n').filter((l) => l.startsWith('Hostname:')));
    const ports = new Set(out.split('\n').filter((l) => l.startsWith('RemoteAddr:')));
    expect([hosts.size, ports.size]).toEqual([1, 1]);
    // The nat table saw one connection: the KUBE-SEP jumps of web's chain count 1 packet in all.
    const counters = await lab.run(
      "docker exec myk8s-control-plane iptables -t nat -L KUBE-SVC-LOLE4ISW44XBNF3G -n -v | grep KUBE-SEP | awk '{s+=$1} END {print s}'",
    );
    expect(counters).toBe('1\n');
    // One curl per request opens one connection each.
    const loop = await lab.run(
      "kubectl exec client -- sh -c 'for i in 1 2 3 4 5 6; do curl -s web | grep RemoteAddr; done' | sort -u | wc -l",
    );
    expect(loop).toBe('6\n');
  });

  it('says so with -v, as curl 8.7.1 in a pod and curl 7.88.1 on a node word it', async () => {
    const lab = await web();
    const pod = await lab.run('kubectl exec client -- curl -sv web web 2>&1 >/dev/null | grep "^\\*"');
    expect(pod).toMatch(
      /^\* Host web:80 was resolved\.\n(?:.*\n)*\* Connected to web \(10\.200\.1\.\d+\) port 80\n\* Request completely sent off\n\* Connection #0 to host web left intact\n\* Found bundle for host: 0x55[0-9a-f]{10} \[serially\]\n\* Can not multiplex, even if we wanted to\n\* Re-using existing connection with host web\n\* Request completely sent off\n\* Connection #0 to host web left intact\n$/,
    );
    const ip = (await lab.run("kubectl get svc web -o jsonpath='{.spec.clusterIP}'")).trim();
    const node = await lab.run(`docker exec myk8s-worker curl -sv ${ip} ${ip} 2>&1 >/dev/null | grep "^\\*"`);
    expect(node).toMatch(
      new RegExp(
        `^\\* {3}Trying ${ip.replace(/\./g, '\\.')}:80\\.\\.\\.\\n\\* Connected to ${ip.replace(/\./g, '\\.')} \\(${ip.replace(/\./g, '\\.')}\\) port 80 \\(#0\\)\\n\\* Connection #0 to host ${ip.replace(/\./g, '\\.')} left intact\\n\\* Found bundle for host: 0x55[0-9a-f]{10} \\[serially\\]\\n\\* Can not multiplex, even if we wanted to\\n\\* Re-using existing connection #0 with host ${ip.replace(/\./g, '\\.')}\\n\\* Connection #0 to host ${ip.replace(/\./g, '\\.')} left intact\\n$`,
      ),
    );
    expect(await lab.run(`docker exec myk8s-worker curl -s -o /dev/null -w '%{num_connects} ' ${ip} ${ip}`)).toBe(
      '1 0 ',
    );
  });
});

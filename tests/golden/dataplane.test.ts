/**
 * The data-plane issue's behaviour and golden tests, through real commands typed into the
 * kind-iptables scenario with the seed's lab (kans-week5): curl and ping in pods, from the
 * learner's host and on nodes, and the kube-proxy rules they walk.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seedLab } from './dataplane-harness';

/** RFC 4648 base32 (A–Z2–7), as Go's base32.StdEncoding, written here so the test does not use the code under test. */
function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

/** kube-proxy's chain hash (reference 1.2): base32(sha256(s))[:16]. */
const hash16 = (s: string): string => base32(createHash('sha256').update(s).digest()).slice(0, 16);

const PORT_NAME = 'default/svc-clusterip:svc-webport';
const SVC = `KUBE-SVC-${hash16(`${PORT_NAME}tcp`)}`;
const sep = (ep: string): string => `KUBE-SEP-${hash16(`${PORT_NAME}tcp${ep}`)}`;

/** Seed 1 gives the service 10.200.1.80 and the web pods 10.10.1.2, 10.10.2.2, 10.10.3.2 (see `kubectl get pod -o wide`). */
const CIP = '10.200.1.80';
const EPS = ['10.10.1.2:80', '10.10.2.2:80', '10.10.3.2:80'];

describe("golden: kube-proxy rules for the seed's 3-pod ClusterIP service", () => {
  it('computes the service chain hash the reference lists for this service port', () => {
    // Reference 1.8 names the same service port's chain KUBE-SVC-KBDEBIL6IU6WL7RF.
    expect(SVC).toBe('KUBE-SVC-KBDEBIL6IU6WL7RF');
  });

  it("prints the service's rules in iptables -t nat -S on a node, line for line", async () => {
    const { run } = await seedLab();
    const out = await run('docker exec myk8s-control-plane iptables -t nat -S');
    const mine = [SVC, ...EPS.map(sep)];
    const lines = out.split('\n').filter((l) => mine.some((c) => l.includes(`${c} `) || l.endsWith(c)));
    const [a, b, c] = EPS.map(sep) as [string, string, string];
    const seps = [
      [a, EPS[0]!],
      [b, EPS[1]!],
      [c, EPS[2]!],
    ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
    expect(lines).toEqual([
      ...seps.map(([chain]) => `-N ${chain}`),
      `-N ${SVC}`,
      ...seps.flatMap(([chain, ep]) => [
        `-A ${chain} -s ${ep!.split(':')[0]}/32 -m comment --comment "${PORT_NAME}" -j KUBE-MARK-MASQ`,
        `-A ${chain} -p tcp -m comment --comment "${PORT_NAME}" -m tcp -j DNAT --to-destination ${ep}`,
      ]),
      `-A KUBE-SERVICES -d ${CIP}/32 -p tcp -m comment --comment "${PORT_NAME} cluster IP" -m tcp --dport 9000 -j ${SVC}`,
      `-A ${SVC} ! -s 10.10.0.0/16 -d ${CIP}/32 -p tcp -m comment --comment "${PORT_NAME} cluster IP" -m tcp --dport 9000 -j KUBE-MARK-MASQ`,
      `-A ${SVC} -m comment --comment "${PORT_NAME} -> 10.10.1.2:80" -m statistic --mode random --probability 0.33333333349 -j ${a}`,
      `-A ${SVC} -m comment --comment "${PORT_NAME} -> 10.10.2.2:80" -m statistic --mode random --probability 0.50000000000 -j ${b}`,
      `-A ${SVC} -m comment --comment "${PORT_NAME} -> 10.10.3.2:80" -j ${c}`,
    ]);
  });
});

describe('behaviour: traffic in the kind-iptables cluster', () => {
  it("answers curl from a pod to the ClusterIP with whoami's report of the chosen endpoint", async () => {
    const { run } = await seedLab();
    const out = await run('kubectl exec -it net-pod -- curl -s --connect-timeout 1 $SVC1:9000');
    expect(out).toMatch(
      /^Hostname: webpod[123]\nIP: 127\.0\.0\.1\nIP: ::1\nIP: 10\.10\.[123]\.2\nIP: fe80::[0-9a-f:]+\nRemoteAddr: 10\.10\.0\.5:\d{5}\nGET \/ HTTP\/1\.1\r\nHost: 10\.200\.1\.80:9000\r\nUser-Agent: curl\/8\.7\.1\r\nAccept: \*\/\*\r\n\r\n$/,
    );
  });

  it("splits the seed's 100-request loop about evenly over the three endpoints", async () => {
    const { run } = await seedLab();
    const out = await run(
      'kubectl exec -it net-pod -- zsh -c "for i in {1..100};  do curl -s $SVC1:9000 | grep Hostname; done | sort | uniq -c | sort -nr"',
    );
    const counts = out
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => /^\s+(\d+) Hostname: (webpod[123])$/.exec(l)!);
    expect(counts.map((m) => m[2]).sort()).toEqual(['webpod1', 'webpod2', 'webpod3']);
    expect(counts.reduce((s, m) => s + Number(m[1]), 0)).toBe(100);
    for (const m of counts) expect(Number(m[1])).toBeGreaterThan(20);
  });

  it('splits 1,000 requests about evenly, and the KUBE-SEP DNAT counters add up to them', async () => {
    const { run } = await seedLab();
    const out = await run(
      'kubectl exec net-pod -- zsh -c "for i in {1..1000}; do curl -s $SVC1:9000 | grep Hostname; done | sort | uniq -c"',
    );
    const byPod = new Map(
      out
        .replace(/\n$/, '')
        .split('\n')
        .map((l) => {
          const m = /^\s+(\d+) Hostname: (webpod[123])$/.exec(l)!;
          return [m[2]!, Number(m[1])] as const;
        }),
    );
    expect([...byPod.values()].reduce((a, b) => a + b, 0)).toBe(1000);
    for (const n of byPod.values()) expect(n).toBeGreaterThan(280);
    const saved = await run('docker exec myk8s-control-plane iptables-save -c -t nat');
    const dnat = (ep: string): number =>
      Number(
        /^\[(\d+):\d+\]/.exec(saved.split('\n').find((l) => l.includes(`-A ${sep(ep)} `) && l.includes('DNAT'))!)![1],
      );
    expect(EPS.map(dnat)).toEqual([byPod.get('webpod1'), byPod.get('webpod2'), byPod.get('webpod3')]);
  });

  it('reaches a pod on the same node directly: no NAT, one routed hop', async () => {
    const { run } = await seedLab();
    await run(
      'cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Pod\nmetadata: {name: local-web}\nspec:\n  nodeName: myk8s-control-plane\n  containers: [{name: web, image: traefik/whoami}]\nEOF',
      'sleep 10',
    );
    const ip = (await run("kubectl get pod local-web -o jsonpath='{.status.podIP}'")).trim();
    expect(ip).toMatch(/^10\.10\.0\.\d+$/);
    const out = await run(`kubectl exec net-pod -- curl -s ${ip} | grep RemoteAddr`);
    expect(out).toMatch(/^RemoteAddr: 10\.10\.0\.5:\d+\n$/);
    const ping = await run(`kubectl exec net-pod -- ping -c 1 ${ip}`);
    expect(ping).toContain(`64 bytes from ${ip}: icmp_seq=1 ttl=63 time=`);
  });

  it("reaches a pod on another node through both nodes: TTL 62 and the pod's own address as source", async () => {
    const { run } = await seedLab();
    const out = await run('kubectl exec net-pod -- curl -s 10.10.2.2 | grep -E "Hostname|RemoteAddr"');
    expect(out).toMatch(/^Hostname: webpod2\nRemoteAddr: 10\.10\.0\.5:\d+\n$/);
    const ping = await run('kubectl exec net-pod -- ping -c 1 10.10.2.2');
    expect(ping).toMatch(
      /^PING 10\.10\.2\.2 \(10\.10\.2\.2\) 56\(84\) bytes of data\.\n64 bytes from 10\.10\.2\.2: icmp_seq=1 ttl=62 time=\d\.\d{3} ms\n\n--- 10\.10\.2\.2 ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\nrtt min\/avg\/max\/mdev = (\d\.\d{3})\/\1\/\1\/0\.000 ms\n$/,
    );
  });

  it("serves a node port to the learner's host", async () => {
    const { run } = await seedLab();
    await run(
      'cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Service\nmetadata: {name: svc-nodeport}\nspec:\n  type: NodePort\n  selector: {app: webpod}\n  ports: [{name: svc-webport, port: 9000, targetPort: 80, nodePort: 30080}]\nEOF',
    );
    const out = await run('curl -s 172.18.0.3:30080 | grep -E "Hostname|RemoteAddr"');
    // From outside the cluster the node masquerades: the endpoint sees a node address, not the host's.
    expect(out).toMatch(/^Hostname: webpod[123]\nRemoteAddr: (172\.18\.0\.3|10\.10\.[123]\.1):\d+\n$/);
  });

  it("sends pod traffic to the internet with the node's address as source", async () => {
    const { run } = await seedLab();
    expect(await run('kubectl exec net-pod -- curl -s -o /dev/null -w "%{http_code}\\n" http://34.160.111.145/')).toBe(
      '200\n',
    );
    const ct = await run('docker exec myk8s-control-plane conntrack -L -d 34.160.111.145 2>/dev/null');
    expect(ct).toMatch(
      /^tcp +6 \d+ TIME_WAIT src=10\.10\.0\.5 dst=34\.160\.111\.145 sport=(\d+) dport=80 src=34\.160\.111\.145 dst=172\.18\.0\.2 sport=80 dport=\1 /,
    );
  });

  it('rejects a connection to a service without endpoints', async () => {
    const { run } = await seedLab();
    await run('kubectl create service clusterip no-backend --tcp=80:80');
    const ip = (await run("kubectl get svc no-backend -o jsonpath='{.spec.clusterIP}'")).trim();
    const out = await run(`kubectl exec net-pod -- curl -sS ${ip}`, 'echo $?');
    expect(out).toBe(
      `curl: (7) Failed to connect to ${ip} port 80 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7\n7\n`,
    );
  });

  it('drops traffic for real when a learner inserts a DROP rule, until it is deleted', async () => {
    const { run } = await seedLab();
    await run('docker exec myk8s-worker iptables -I FORWARD -d 10.10.1.2 -j DROP');
    const dropped = await run('kubectl exec net-pod -- curl -sS --connect-timeout 3 10.10.1.2', 'echo $?');
    expect(dropped).toBe(
      'curl: (28) Failed to connect to 10.10.1.2 port 80 after 3001 ms: Timeout was reached\ncommand terminated with exit code 28\n28\n',
    );
    await run('docker exec myk8s-worker iptables -D FORWARD -d 10.10.1.2 -j DROP');
    expect(await run('kubectl exec net-pod -- curl -s 10.10.1.2 | grep Hostname')).toBe('Hostname: webpod1\n');
  });

  it('reports curl -m timing out during the connect in its own words', async () => {
    const { run } = await seedLab();
    await run('docker exec myk8s-worker iptables -I FORWARD -d 10.10.1.2 -j DROP');
    expect(await run('kubectl exec net-pod -- curl -sS -m 2 10.10.1.2')).toBe(
      'curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n',
    );
  });

  it('refuses a port nothing listens on', async () => {
    const { run } = await seedLab();
    expect(await run('kubectl exec net-pod -- curl 10.10.1.2:8080')).toBe(
      "curl: (7) Failed to connect to 10.10.1.2 port 8080 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7\n",
    );
  });

  it('cannot resolve a name nobody serves', async () => {
    const { run } = await seedLab();
    expect(await run('kubectl exec net-pod -- curl -sS nope')).toBe(
      'curl: (6) Could not resolve host: nope\ncommand terminated with exit code 6\n',
    );
  });

  it("logs whoami's start-up line for kubectl logs", async () => {
    const { run } = await seedLab();
    expect(await run('kubectl logs webpod1')).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d Starting up on port 80\n$/);
  });

  it('traces a curl to the ClusterIP: the DNAT to an endpoint there, the un-DNAT on the way back', async () => {
    const { run } = await seedLab();
    const out = await run('kubectl exec net-pod -- trace curl -s -o /dev/null $SVC1:9000');
    expect(out).toMatch(/^--- packet 1: TCP 10\.10\.0\.5:\d+ -> 10\.200\.1\.80:9000\n/m);
    expect(out).toMatch(/^ {2}node\/myk8s-control-plane: DNAT 10\.200\.1\.80:9000 -> 10\.10\.[123]\.2:80$/m);
    expect(out).toMatch(
      /^ {2}node\/myk8s-control-plane: {3}-A KUBE-SERVICES -d 10\.200\.1\.80\/32 -p tcp -m comment --comment "default\/svc-clusterip:svc-webport cluster IP" -m tcp --dport 9000 -j KUBE-SVC-KBDEBIL6IU6WL7RF$/m,
    );
    expect(out).toMatch(/^ {2}node\/myk8s-control-plane: un-DNAT 10\.10\.[123]\.2:80 -> 10\.200\.1\.80:9000$/m);
    expect(out).toMatch(/^ {2}=> delivered in pod\/default\/webpod[123]$/m);
  });
});

describe('determinism and snapshots', () => {
  const LINES = [
    'kubectl exec net-pod -- curl -sv $SVC1:9000',
    'kubectl exec net-pod -- ping -c 3 10.10.2.2',
    'docker exec myk8s-worker ip -c addr',
    'kubectl exec net-pod -- trace curl -s -o /dev/null 10.10.3.2',
    'docker exec myk8s-control-plane conntrack -L',
  ];

  it('prints the same bytes for the same seed and lines', async () => {
    const one = await (await seedLab()).run(...LINES);
    const two = await (await seedLab()).run(...LINES);
    expect(one).toBe(two);
  });

  it('answers the same in a clone, whose apps still listen after the restore', async () => {
    const { emu, run } = await seedLab();
    const copy = emu.clone();
    const out = await run('kubectl exec net-pod -- curl -s 10.10.1.2 | head -1');
    const sh = copy.shells[0] ?? copy.openShell();
    let cloned = '';
    await sh.run('kubectl exec net-pod -- curl -s 10.10.1.2 | head -1', {
      stdout: { write: (s) => void (cloned += s) },
      stderr: { write: (s) => void (cloned += s) },
    });
    expect([out, cloned]).toEqual(['Hostname: webpod1\n', 'Hostname: webpod1\n']);
  });
});

describe("curl from the learner's machine and in verbose mode", () => {
  it('resolves a public name through systemd-resolved and fetches from the internet', async () => {
    const { run } = await seedLab();
    expect(await run("curl -s -o /dev/null -w '%{http_code} %{remote_ip}\\n' www.google.com")).toBe(
      '200 142.250.196.132\n',
    );
  });

  it('names the client side of a refused connection in -v, as curl 8 does', async () => {
    const { run } = await seedLab();
    expect(await run('kubectl exec net-pod -- curl -v 10.10.1.2:81')).toMatch(
      /^\* {3}Trying 10\.10\.1\.2:81\.\.\.\n\* connect to 10\.10\.1\.2 port 81 from 10\.10\.0\.5 port \d+ failed: Connection refused\n\* Failed to connect to 10\.10\.1\.2 port 81 after 0 ms: Couldn't connect to server\n\* Closing connection\ncurl: \(7\) Failed to connect to 10\.10\.1\.2 port 81 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7\n$/,
    );
  });

  it('prints the resolved addresses before connecting to a service by name', async () => {
    const { run } = await seedLab();
    expect(await run('kubectl exec net-pod -- curl -sv svc-clusterip:9000 2>&1 >/dev/null | head -5')).toBe(
      '* Host svc-clusterip:9000 was resolved.\n* IPv6: (none)\n* IPv4: 10.200.1.80\n*   Trying 10.200.1.80:9000...\n* Connected to svc-clusterip (10.200.1.80) port 9000\n',
    );
  });
});

describe("a learner's routing change", () => {
  it("blackholes a node's route to another node's pods, and traffic stops there", async () => {
    const { run } = await seedLab();
    await run('docker exec myk8s-control-plane ip route replace blackhole 10.10.1.0/24');
    expect(await run('docker exec myk8s-control-plane ip route | grep 10.10.1.0')).toBe('blackhole 10.10.1.0/24 \n');
    expect(await run('kubectl exec net-pod -- curl -sS --connect-timeout 2 10.10.1.2')).toBe(
      'curl: (28) Failed to connect to 10.10.1.2 port 80 after 2001 ms: Timeout was reached\ncommand terminated with exit code 28\n',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { freshSession, runLines } from '../shell/testing';

/** kind-iptables with a whoami pod on myk8s-worker, a netshoot and a busybox pod on the control plane. */
async function cluster() {
  const { sh } = freshSession('kind-iptables', 1);
  const pod = (name: string, node: string, image: string, cmd = ''): string =>
    `---\napiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  nodeName: ${node}\n  containers: [{name: c, image: ${image}${cmd}}]`;
  await runLines(sh, [
    `cat <<EOF | kubectl apply -f -\n${pod('web', 'myk8s-worker', 'traefik/whoami')}\n${pod('net', 'myk8s-control-plane', 'nicolaka/netshoot', ', command: [tail, -f, /dev/null]')}\n${pod('bb', 'myk8s-control-plane', 'busybox:1.36', ', command: [sleep, "3600"]')}\nEOF`,
    'sleep 20',
  ]);
  return (line: string) => runLines(sh, [line]);
}

describe('ping', () => {
  it("prints iputils' lines for two replies across nodes, one second apart", async () => {
    const run = await cluster();
    const out = await run('kubectl exec net -- ping -c 2 10.10.1.2');
    expect(out).toMatch(
      /^PING 10\.10\.1\.2 \(10\.10\.1\.2\) 56\(84\) bytes of data\.\n64 bytes from 10\.10\.1\.2: icmp_seq=1 ttl=62 time=0\.\d{3} ms\n64 bytes from 10\.10\.1\.2: icmp_seq=2 ttl=62 time=0\.\d{3} ms\n\n--- 10\.10\.1\.2 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss, time 100\dms\nrtt min\/avg\/max\/mdev = 0\.\d{3}\/0\.\d{3}\/0\.\d{3}\/0\.\d{3} ms\n$/,
    );
  });

  it("prints BusyBox's format in a busybox pod", async () => {
    const run = await cluster();
    expect(await run('kubectl exec bb -- ping -c 1 10.10.1.2')).toMatch(
      /^PING 10\.10\.1\.2 \(10\.10\.1\.2\): 56 data bytes\n64 bytes from 10\.10\.1\.2: seq=0 ttl=62 time=0\.\d{3} ms\n\n--- 10\.10\.1\.2 ping statistics ---\n1 packets transmitted, 1 packets received, 0% packet loss\nround-trip min\/avg\/max = (0\.\d{3})\/\1\/\1 ms\n$/,
    );
  });

  it('counts lost packets when a DROP rule eats them, and exits 1', async () => {
    const run = await cluster();
    await run('docker exec myk8s-worker iptables -I FORWARD -p icmp -j DROP');
    expect(await run('kubectl exec net -- ping -c 2 -W 1 10.10.1.2')).toMatch(
      /^PING 10\.10\.1\.2 \(10\.10\.1\.2\) 56\(84\) bytes of data\.\n\n--- 10\.10\.1\.2 ping statistics ---\n2 packets transmitted, 0 received, 100% packet loss, time 100\dms\n\ncommand terminated with exit code 1\n$/,
    );
  });

  it("says an unknown name does not resolve (musl's words in netshoot), exit 2", async () => {
    const run = await cluster();
    expect(await run('kubectl exec net -- ping -c 1 nope')).toBe(
      'ping: nope: Name does not resolve\ncommand terminated with exit code 2\n',
    );
  });

  it('reports a rejected ping of a local address as coming from that address (kernel icmp_send, RTCF_LOCAL)', async () => {
    // Recorded on Linux 6.18: a netns holding 10.200.1.80/32, `-A INPUT -d 10.200.1.80 -m conntrack
    // --ctstate NEW -j REJECT --reject-with icmp-port-unreachable`, pinged from a peer netns.
    const { sh } = freshSession('kind-ipvs', 1);
    await runLines(sh, [
      'kubectl create deployment web --image=traefik/whoami',
      'kubectl expose deployment web --port=80',
      `cat <<EOF | kubectl apply -f -\n${'---\napiVersion: v1\nkind: Pod\nmetadata: {name: net}\nspec:\n  nodeName: myk8s-worker\n  containers: [{name: c, image: nicolaka/netshoot, command: [tail, -f, /dev/null]}]'}\nEOF`,
      'sleep 20',
    ]);
    const out = await runLines(sh, [
      'kubectl exec net -- ping -c 1 -W 1 $(kubectl get svc web -o jsonpath={.spec.clusterIP})',
    ]);
    expect(out).toMatch(
      /^PING (10\.200\.1\.\d+) \(\1\) 56\(84\) bytes of data\.\nFrom \1 icmp_seq=1 Destination Port Unreachable\n\n--- \1 ping statistics ---\n1 packets transmitted, 0 received, \+1 errors, 100% packet loss, time 0ms\n\ncommand terminated with exit code 1\n$/,
    );
  });

  it('is not in the whoami image', async () => {
    const run = await cluster();
    expect(await run('kubectl exec web -- ping -c 1 10.10.0.1')).toContain('executable file not found in $PATH');
  });
});

describe('hostname, /proc/sys and sysctl', () => {
  it("gives a pod's address for -i and every address with a trailing space for -I", async () => {
    const run = await cluster();
    expect(await run('kubectl exec net -- hostname -i; kubectl exec net -- hostname -I')).toMatch(
      /^(10\.10\.0\.\d+)\n\1 \n$/,
    );
  });

  it("reads ip_forward and route_localnet from the node's namespace", async () => {
    const run = await cluster();
    expect(
      await run(
        'docker exec myk8s-worker cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/conf/all/route_localnet',
      ),
    ).toBe('1\n1\n');
  });

  it('stops forwarding when a learner turns ip_forward off on a node', async () => {
    const run = await cluster();
    await run("docker exec myk8s-worker sh -c 'echo 0 > /proc/sys/net/ipv4/ip_forward'");
    expect(await run('docker exec myk8s-worker sysctl net.ipv4.ip_forward')).toBe('net.ipv4.ip_forward = 0\n');
    expect(await run('kubectl exec net -- curl -sS --connect-timeout 1 10.10.1.2')).toBe(
      'curl: (28) Failed to connect to 10.10.1.2 port 80 after 1001 ms: Timeout was reached\ncommand terminated with exit code 28\n',
    );
  });
});

describe('wget', () => {
  it("fetches with BusyBox's -qO- in a busybox pod", async () => {
    const run = await cluster();
    expect(await run('kubectl exec bb -- wget -qO- 10.10.1.2 | head -1')).toBe('Hostname: web\n');
  });

  it("says BusyBox's words when the connection is refused", async () => {
    const run = await cluster();
    expect(await run('kubectl exec bb -- wget -qO- 10.10.1.2:81')).toBe(
      "wget: can't connect to remote host (10.10.1.2): Connection refused\ncommand terminated with exit code 1\n",
    );
  });
});

describe('ping at a terminal', () => {
  it('runs until Ctrl-C, then prints ^C and the summary, as iputils does', async () => {
    const { sh } = freshSession('kind-iptables', 1);
    const ac = new AbortController();
    let checkpoints = 0;
    let out = '';
    const w = { write: (s: string) => void (out += s) };
    // Ctrl-C after a few replies: the host aborts between checkpoints, as the terminal worker does.
    await sh.run('ping 172.18.0.3', {
      stdout: w,
      stderr: w,
      interactive: true,
      signal: ac.signal,
      yieldToHost: () => void (++checkpoints === 8 && ac.abort()),
    });
    expect(out).toMatch(
      /^PING 172\.18\.0\.3 \(172\.18\.0\.3\) 56\(84\) bytes of data\.\n(64 bytes from 172\.18\.0\.3: icmp_seq=\d ttl=64 time=0\.\d{3} ms\n)+\^C\n--- 172\.18\.0\.3 ping statistics ---\n(\d) packets transmitted, \2 received, 0% packet loss, time \d+ms\nrtt min\/avg\/max\/mdev = [\d./]+ ms\n$/,
    );
  });
});

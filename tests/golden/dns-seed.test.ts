/**
 * The DNS flows of seeds/k8s-objects-dns-headless-endpoints-rbac.txt as typed in a request pod
 * (kubetm/init has bind's nslookup): a ClusterIP service, a headless service with a hostname +
 * subdomain pod, a selector-less service with hand-made Endpoints, an ExternalName, and the
 * `nslookup https://www.github.com` the write-up tries. Plus what breaks DNS: coredns scaled to 0,
 * a DROP on port 53.
 */
import { describe, expect, it } from 'vitest';
import { labSession, type Lab } from '../../src/sim/shell/testing';
import { K8S_OBJECTS_DNS, manifestBody, withSpec } from '../fixtures/seeds/manifests';

/** The seed's DNS manifests in one apply, with the ClusterIPs pinned and pod4 on a fixed node so the answers are fixed. */
const SEED = `cat <<EOF | kubectl apply -f -
${[
  withSpec(manifestBody(K8S_OBJECTS_DNS, 'clusterip1'), 'clusterIP: 10.200.1.101'),
  manifestBody(K8S_OBJECTS_DNS, 'pod1'),
  manifestBody(K8S_OBJECTS_DNS, 'request-pod'),
  manifestBody(K8S_OBJECTS_DNS, 'headless1'),
  withSpec(manifestBody(K8S_OBJECTS_DNS, 'pod4'), 'nodeName: myk8s-worker'),
  withSpec(manifestBody(K8S_OBJECTS_DNS, 'endpoint3'), 'clusterIP: 10.200.1.103'),
  manifestBody(K8S_OBJECTS_DNS, 'endpoint3', 1),
  manifestBody(K8S_OBJECTS_DNS, 'externalname1'),
].join('---\n')}EOF`;

const RECURSION = ';; Got recursion not available from 10.200.1.10\n';
const HEADER = 'Server:\t\t10.200.1.10\nAddress:\t10.200.1.10#53\n\n';

function seeded(): Promise<Lab> {
  return labSession('kind-iptables', [SEED, 'sleep 10']);
}

describe('the k8s-objects seed, DNS part', () => {
  it('nslookup clusterip1 answers the ClusterIP', async () => {
    const { run } = await seeded();
    expect(await run('kubectl exec request-pod -- nslookup clusterip1')).toBe(
      `${RECURSION}${HEADER}Name:\tclusterip1.default.svc.cluster.local\nAddress: 10.200.1.101\n${RECURSION}\n`,
    );
  });

  it('nslookup headless1 answers the pod IP instead of a ClusterIP, and pod-a.headless1 names the pod', async () => {
    const { run } = await seeded();
    const ip = (await run('kubectl get pod pod4 -o jsonpath={.status.podIP}')).trim();
    expect(ip).toMatch(/^10\.10\.1\.\d+$/);
    expect(await run('kubectl exec request-pod -- nslookup headless1')).toBe(
      `${RECURSION}${HEADER}Name:\theadless1.default.svc.cluster.local\nAddress: ${ip}\n${RECURSION}\n`,
    );
    expect(await run('kubectl exec request-pod -- nslookup pod-a.headless1')).toBe(
      `${RECURSION}${HEADER}Name:\tpod-a.headless1.default.svc.cluster.local\nAddress: ${ip}\n${RECURSION}\n`,
    );
  });

  it('a selector-less service with hand-made Endpoints resolves to its ClusterIP, and its outside address gets an endpoint PTR', async () => {
    const { run } = await seeded();
    expect(await run('kubectl exec request-pod -- nslookup endpoint3')).toBe(
      `${RECURSION}${HEADER}Name:\tendpoint3.default.svc.cluster.local\nAddress: 10.200.1.103\n${RECURSION}\n`,
    );
    expect(await run('kubectl exec request-pod -- dig +short -x 185.199.109.153')).toBe(
      '185-199-109-153.endpoint3.default.svc.cluster.local.\n',
    );
  });

  it('externalname1 is a CNAME to github.github.io, followed to its four addresses', async () => {
    const { run } = await seeded();
    expect(await run('kubectl exec request-pod -- nslookup externalname1')).toBe(
      `${RECURSION}${HEADER}externalname1.default.svc.cluster.local\tcanonical name = github.github.io.\n` +
        ['185.199.108.153', '185.199.109.153', '185.199.110.153', '185.199.111.153']
          .map((a) => `Name:\tgithub.github.io\nAddress: ${a}\n`)
          .join('') +
        '\n',
    );
  });

  it('nslookup https://www.github.com looks the URL up as a name and fails', async () => {
    const { run } = await seeded();
    expect(await run('kubectl exec request-pod -- nslookup https://www.github.com')).toBe(
      `${RECURSION}${RECURSION}${RECURSION}${HEADER}** server can't find https://www.github.com: NXDOMAIN\n\ncommand terminated with exit code 1\n`,
    );
  });
});

describe('breaking cluster DNS', () => {
  it('coredns scaled to 0: kube-proxy rejects the query (no endpoints), nslookup gives up', async () => {
    const { run } = await seeded();
    await run('kubectl -n kube-system scale deploy coredns --replicas=0');
    await run('sleep 5');
    expect(await run('kubectl exec request-pod -- nslookup clusterip1')).toBe(
      ';; communications error to 10.200.1.10#53: connection refused\n'.repeat(3) +
        ';; no servers could be reached\n\ncommand terminated with exit code 1\n',
    );
    expect(await run('kubectl exec request-pod -- getent hosts clusterip1; echo $?')).toBe(
      'command terminated with exit code 2\n2\n',
    );
  });

  it('a DROP on UDP 53 in the node FORWARD chain times the query out after three 5-second tries', async () => {
    const { emu, run } = await seeded();
    const node = (await run('kubectl get pod request-pod -o jsonpath={.spec.nodeName}')).trim();
    await run(`docker exec ${node} iptables -I FORWARD -p udp --dport 53 -j DROP`);
    const before = emu.clock.now();
    expect(
      await run('kubectl exec request-pod -- dig +short clusterip1.default.svc.cluster.local; echo "exit $?"'),
    ).toBe(
      ';; communications error to 10.200.1.10#53: timed out\n'.repeat(3) +
        ';; no servers could be reached\ncommand terminated with exit code 9\nexit 9\n',
    );
    expect(emu.clock.now() - before).toBeGreaterThanOrEqual(15000);
  });

  it('without a data plane the query goes straight to CoreDNS, and with no ready endpoint it times out', async () => {
    const { emu, run } = await seeded();
    (emu as { dataPlane?: unknown }).dataPlane = undefined;
    expect(await run('kubectl exec request-pod -- dig +short clusterip1.default.svc.cluster.local')).toBe(
      '10.200.1.101\n',
    );
    await run('kubectl -n kube-system scale deploy coredns --replicas=0');
    await run('sleep 5');
    expect(await run('kubectl exec request-pod -- nslookup clusterip1')).toBe(
      ';; communications error to 10.200.1.10#53: timed out\n'.repeat(3) +
        ';; no servers could be reached\n\ncommand terminated with exit code 1\n',
    );
  });
});

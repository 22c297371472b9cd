/**
 * Bench section "dataplane": the data-plane budgets of ../shared/design/architecture.md, measured
 * in Node on the real emulator: the seed's 1,000-curl pipeline through kube-proxy's rules to three
 * whoami pods, and a cluster of 5,000 services × 3 endpoints that kube-proxy syncs before a curl.
 */
import { performance } from 'node:perf_hooks';
import { Emulator } from '../../src/sim/emulator';
import { resolveResource } from '../../src/sim/cluster/resources';
import type { ShellSession } from '../../src/sim/shell/session';
import { SEED_LAB } from '../../tests/golden/dataplane-harness';

export const title = 'dataplane';

const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;

/** Run lines and return what they printed (stdout and stderr together). */
async function run(shell: ShellSession, ...lines: string[]): Promise<string> {
  let out = '';
  const w = { write: (s: string) => void (out += s) };
  for (const l of lines) await shell.run(l, { stdout: w, stderr: w });
  return out;
}

async function seedLab(): Promise<{ emu: Emulator; shell: ShellSession }> {
  const emu = Emulator.create({ scenario: 'kind-iptables', seed: 1 });
  const shell = emu.openShell();
  await run(
    shell,
    SEED_LAB,
    'kubectl apply -f lab.yaml',
    'sleep 20',
    'SVC=$(kubectl get svc svc-clusterip -o jsonpath={.spec.clusterIP})',
  );
  return { emu, shell };
}

/** Selector-less services with hand-made EndpointSlices (kube-proxy reads only these), outside the allocator's range. */
function addServices(emu: Emulator, count: number, endpoints: string[]): void {
  const svcs = resolveResource('services')!;
  const slices = resolveResource('endpointslices')!;
  for (let i = 0; i < count; i++) {
    const name = `bulk-${i}`;
    const ip = `10.${210 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
    emu.store.create(svcs, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'default' },
      spec: {
        type: 'ClusterIP',
        clusterIP: ip,
        clusterIPs: [ip],
        ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }],
      },
    });
    emu.store.create(slices, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `${name}-abcde`, namespace: 'default', labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      endpoints: endpoints.map((address) => ({
        addresses: [address],
        conditions: { ready: true, serving: true, terminating: false },
      })),
    });
  }
}

async function run_() {
  const rows: { metric: string; value: string; budget?: string; ok?: boolean }[] = [];

  // As the seed types it: the host shell expands $SVC, zsh in the pod runs the loop.
  const loop =
    'kubectl exec -it net-pod -- zsh -c "for i in {1..1000}; do curl -s $SVC:9000 | grep Hostname; done | sort | uniq -c"';
  const samples: number[] = [];
  let split = '';
  for (let i = 0; i < 3; i++) {
    const { shell } = await seedLab();
    const t0 = performance.now();
    split = await run(shell, loop);
    if (!/^ +\d+ Hostname: webpod1\n +\d+ Hostname: webpod2\n +\d+ Hostname: webpod3\n$/.test(split))
      throw new Error(`1,000-curl loop printed ${JSON.stringify(split)}`);
    samples.push(performance.now() - t0);
  }
  const loopMs = [...samples].sort((a, b) => a - b)[1]!;
  rows.push({
    metric: `1,000-curl pipeline in a pod to a 3-endpoint ClusterIP (median of 3; ${split
      .trim()
      .split('\n')
      .map((l) => l.trim().split(' ')[0])
      .join('/')})`,
    value: ms(loopMs),
    budget: '< 500 ms',
    ok: loopMs < 500,
  });

  const { emu, shell } = await seedLab();
  addServices(emu, 5000, ['10.10.1.2', '10.10.2.2', '10.10.3.2']);
  const t0 = performance.now();
  const out = await run(shell, 'docker exec myk8s-control-plane curl -s 10.210.19.135 | grep Hostname');
  const syncMs = performance.now() - t0;
  if (!/^Hostname: webpod[123]\n$/.test(out)) throw new Error(`5,000-service curl answered ${JSON.stringify(out)}`);
  rows.push({
    metric: '5,000 services × 3 endpoints: kube-proxy sync on 4 nodes + one curl',
    value: ms(syncMs),
    budget: '< 2000 ms',
    ok: syncMs < 2000,
  });
  return rows;
}

export { run_ as default };

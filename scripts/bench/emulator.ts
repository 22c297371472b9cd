/**
 * Bench section "emulator": the emulator budgets of ../shared/design/architecture.md, measured in
 * Node on the real emulator (no mocks): scenario build time, median time per command, and the
 * 1,000-iteration pipeline loop. Wall-clock timing lives here, never in src/sim.
 */
import { performance } from 'node:perf_hooks';
import { Emulator, allScenarios } from '../../src/sim/emulator';
import { WEB_WORKLOAD_INPUT } from '../../tests/fixtures/workloads';

export const title = 'emulator';

const sink = { write() {} };

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export default async function run() {
  const rows: { metric: string; value: string; budget?: string; ok?: boolean }[] = [];

  for (const s of allScenarios()) {
    Emulator.create({ scenario: s.id, seed: 1 }); // warm the JIT and module caches
    const samples: number[] = [];
    for (let i = 0; i < 15; i++) samples.push(await time(() => Emulator.create({ scenario: s.id, seed: i + 1 })));
    const m = median(samples);
    rows.push({ metric: `build scenario ${s.id} (median of 15)`, value: ms(m), budget: '< 50 ms', ok: m < 50 });
  }

  const emu = Emulator.create({ scenario: 'kind-iptables', seed: 1 });
  const shell = emu.openShell();
  const io = { stdout: sink, stderr: sink };
  await shell.run(WEB_WORKLOAD_INPUT, io);
  const commands = [
    'kubectl get pod -A -o wide',
    'kubectl get svc,ep -A',
    'kubectl describe svc web',
    'kubectl get deploy web -o yaml',
    'kubectl get pod -o jsonpath=\'{range .items[*]}{.metadata.name}{"\\n"}{end}\'',
    'kubectl get nodes -o wide',
  ];
  for (const c of commands) await shell.run(c, io); // warm
  const samples: number[] = [];
  for (let round = 0; round < 20; round++) for (const c of commands) samples.push(await time(() => shell.run(c, io)));
  const m = median(samples);
  rows.push({
    metric: `single command, median of ${samples.length} (${commands.length} kubectl lines)`,
    value: ms(m),
    budget: '< 5 ms',
    ok: m < 5,
  });

  // Issue "Emulator III": a DNS lookup from a pod (UDP through kube-proxy's rules to CoreDNS) and a
  // kubectl call authorized by RBAC as a service account (not the admin's superuser group).
  await shell.run(
    `kubectl run dns-client --image=nicolaka/netshoot -- sleep infinity
kubectl create serviceaccount reader
kubectl create role pod-reader --verb=get,list --resource=pods
kubectl create rolebinding reader --role=pod-reader --serviceaccount=default:reader
sleep 20`,
    io,
  );
  const perLine = async (line: string, rounds: number) => {
    await shell.run(line, io);
    const t: number[] = [];
    for (let i = 0; i < rounds; i++) t.push(await time(() => shell.run(line, io)));
    return median(t);
  };
  const dns = await perLine('kubectl exec dns-client -- nslookup web.default.svc.cluster.local', 40);
  rows.push({
    metric: 'DNS lookup from a pod (kubectl exec ... nslookup, median of 40)',
    value: ms(dns),
    budget: '< 5 ms',
    ok: dns < 5,
  });
  const authz = await perLine('kubectl get pods --as=system:serviceaccount:default:reader', 40);
  rows.push({
    metric: 'kubectl get pods authorized by RBAC as a service account (median of 40)',
    value: ms(authz),
    budget: '< 5 ms',
    ok: authz < 5,
  });

  const loop = 'for i in {1..1000}; do echo "Hostname: web-$((i % 3))" | grep Hostname; done | sort | uniq -c';
  await shell.run(loop, io);
  const loopMs = median([
    await time(() => shell.run(loop, io)),
    await time(() => shell.run(loop, io)),
    await time(() => shell.run(loop, io)),
  ]);
  rows.push({
    metric: '1,000-iteration pipeline loop (echo | grep, sort | uniq -c)',
    value: ms(loopMs),
    budget: '< 500 ms',
    ok: loopMs < 500,
  });

  return rows;
}

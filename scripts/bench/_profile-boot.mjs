#!/usr/bin/env node
/**
 * Cold-boot profile of scenario builds (a helper, not a bench section: the leading underscore keeps
 * scripts/bench.mjs from running it). For each scenario, a fresh Node process (cold JIT, cold module
 * caches, like a new Web Worker) imports the emulator and times:
 *   - the FIRST Emulator.create (cold) and its phases: scenario build (objects + controllers),
 *     attachNetwork (CNI plugin, apps, leases), the first data-plane sync (node namespaces, CNI
 *     node setup, kube-proxy rules on every node), opening a shell and its first prompt;
 *   - then the median of 15 further creates (warm); with --cpu-prof only the cold one runs.
 *
 *   node --import tsx scripts/bench/_profile-boot.mjs [--runs=N] [SCENARIO...]    # N processes per scenario (default 5)
 *   node --import tsx scripts/bench/_profile-boot.mjs --cpu-prof kind-iptables   # writes /tmp/prof/*.cpuprofile, prints top self time
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const SCENARIOS = ['kind-iptables', 'kind-ipvs', 'aws-vpc-cni', 'weave'];
const self = fileURLToPath(import.meta.url);
const PROF_DIR = '/tmp/prof';

async function child(scenario) {
  const t0 = performance.now();
  const { Emulator, getScenario } = await import('../../src/sim/emulator.ts');
  const tImport = performance.now() - t0;

  // The phases of Emulator.create, run one by one (the constructor is private only to TypeScript).
  const p = {};
  let t = performance.now();
  const lap = (name) => {
    const now = performance.now();
    p[name] = now - t;
    t = now;
  };
  const emu = new Emulator(scenario, 1);
  lap('construct');
  getScenario(scenario).build(emu);
  lap('scenario build');
  emu.attachNetwork();
  lap('attachNetwork');
  emu.dataPlane?.refresh();
  lap('first data-plane sync');
  const shell = emu.openShell();
  shell.prompt();
  lap('shell + prompt');
  const cold = Object.values(p).reduce((a, b) => a + b, 0);

  const samples = [];
  // With --cpu-prof the warm runs would drown the cold one: profile the first create alone.
  for (let i = 0; i < (process.env.PROFILE_COLD_ONLY ? 0 : 15); i++) {
    const s = performance.now();
    const e = Emulator.create({ scenario, seed: i + 2 });
    e.dataPlane?.refresh();
    e.openShell().prompt();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ scenario, import: tImport, phases: p, cold, warm: samples[7] ?? NaN }) + '\n');
}

function topSelfTime(file, n = 30) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const dt = new Map();
  for (let i = 0; i < prof.samples.length; i++)
    dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
  const byFn = new Map();
  for (const node of prof.nodes) {
    const cf = node.callFrame;
    const key = `${cf.functionName || '(anonymous)'} ${cf.url.replace(/^.*\/src\//, 'src/').replace(/^file:\/\/.*node_modules\//, '')}:${cf.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (dt.get(node.id) ?? 0));
  }
  return [...byFn]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${(us / 1000).toFixed(1).padStart(7)} ms  ${k}`)
    .join('\n');
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await child(args[1]);
} else {
  const prof = args.includes('--cpu-prof');
  const list = args.filter((a) => !a.startsWith('--'));
  const f = (v) => (typeof v === 'number' ? `${v.toFixed(1)} ms` : '-').padStart(9);
  // Cold figures swing with GC and machine load: take each process's figures, report the run with the median cold create.
  const runsArg = args.find((a) => a.startsWith('--runs='));
  const runs = prof ? 1 : Number(runsArg?.slice('--runs='.length) ?? 5);
  for (const scenario of list.length ? list : SCENARIOS) {
    const flags = [
      '--import',
      'tsx',
      ...(prof ? ['--cpu-prof', '--cpu-prof-dir', PROF_DIR, '--cpu-prof-interval', '100'] : []),
    ];
    if (prof) mkdirSync(PROF_DIR, { recursive: true });
    const before = prof ? new Set(readdirSync(PROF_DIR)) : new Set();
    const env = prof ? { ...process.env, PROFILE_COLD_ONLY: '1' } : process.env;
    const results = [];
    for (let i = 0; i < runs; i++) {
      const r = spawnSync(process.execPath, [...flags, self, '--child', scenario], { encoding: 'utf8', env });
      if (r.status !== 0) {
        console.error(r.stderr);
        process.exit(1);
      }
      results.push(JSON.parse(r.stdout.trim().split('\n').pop()));
    }
    results.sort((a, b) => a.cold - b.cold);
    const o = results[Math.floor(results.length / 2)];
    const warm = results
      .map((x) => x.warm)
      .filter((x) => typeof x === 'number')
      .sort((a, b) => a - b);
    console.log(
      `${scenario}: cold create ${f(o.cold).trim()} (median of ${runs} processes; ${results.map((x) => x.cold.toFixed(1)).join(', ')}), warm median ${f(warm[Math.floor(warm.length / 2)]).trim()} (module import ${f(o.import).trim()})`,
    );
    for (const [k, v] of Object.entries(o.phases)) console.log(`  ${k.padEnd(24)}${f(v)}`);
    if (prof) {
      const file = readdirSync(PROF_DIR).find((x) => !before.has(x) && x.endsWith('.cpuprofile'));
      if (file)
        console.log(
          `  top self time (${join(PROF_DIR, file)}, whole process):\n${topSelfTime(join(PROF_DIR, file)).replace(/^/gm, '    ')}`,
        );
    }
  }
}

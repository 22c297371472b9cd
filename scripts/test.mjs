#!/usr/bin/env node
// `npm test`: every test, in order — unit and golden tests (vitest), `netlab check`, the site build,
// and the browser tests in real Chromium. Stops at the first failing step.
// Without a Chromium the browser tests fail under CI and are skipped (loudly) elsewhere.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './chromium.mjs';

// Each vitest step also writes a JSON report, so the run ends with one plain count of every test.
const reports = mkdtempSync(join(tmpdir(), 'netlab-test-'));
const counts = { passed: 0, failed: 0, skipped: 0 };
const withReport = (name) => [
  '--',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${join(reports, `${name}.json`)}`,
];

function tally(name) {
  const file = join(reports, `${name}.json`);
  if (!existsSync(file)) return;
  let r;
  try {
    r = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return; // a runner that died mid-write: its own output already says why
  }
  counts.passed += r.numPassedTests ?? 0;
  counts.failed += r.numFailedTests ?? 0;
  counts.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}

function summary() {
  console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const steps = [
  ['formatting (prettier --check)', npm, ['run', '--silent', 'format:check']],
  ['unit and golden tests', npm, ['run', '--silent', 'test:unit', ...withReport('unit')], 'unit'],
  ['netlab check', npm, ['run', '--silent', 'netlab', '--', 'check']],
  ['site build', npm, ['run', '--silent', 'build']],
];

function run(label, cmd, args, report, env = process.env) {
  console.log(`\n== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (report) tally(report);
  if (r.status !== 0) {
    if (report) summary();
    console.error(`\n== ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

for (const [label, cmd, args, report] of steps) run(label, cmd, args, report);

const chromium = findChromium();
if (!chromium) {
  const how =
    'Install one (Debian/Ubuntu: `sudo apt-get install chromium`) or point CHROMIUM_PATH at a Chromium or Chrome binary.';
  if (process.env.CI) {
    console.error(`\n== browser tests: no Chromium found, and CI requires them. ${how}`);
    process.exit(1);
  }
  console.warn(`\n== browser tests SKIPPED: no Chromium found. ${how}`);
  summary();
  process.exit(0);
}
run('browser tests', npm, ['run', '--silent', 'test:e2e', ...withReport('e2e')], 'e2e', {
  ...process.env,
  CHROMIUM_PATH: chromium,
});
console.log('\n== all test steps passed');
summary();

#!/usr/bin/env node
// `npm test`: every test, in order — unit and golden tests (vitest), `netlab check`, the site build,
// and the browser tests in real Chromium. Stops at the first failing step.
// Without a Chromium the browser tests fail under CI and are skipped (loudly) elsewhere.
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const steps = [
  ['unit and golden tests', npm, ['run', '--silent', 'test:unit']],
  ['netlab check', npm, ['run', '--silent', 'netlab', '--', 'check']],
  ['site build', npm, ['run', '--silent', 'build']],
];

function run(label, cmd, args, env = process.env) {
  console.log(`\n== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`\n== ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

for (const [label, cmd, args] of steps) run(label, cmd, args);

const chromium = findChromium();
if (!chromium) {
  const how = 'Install one (Debian/Ubuntu: `sudo apt-get install chromium`) or point CHROMIUM_PATH at a Chromium or Chrome binary.';
  if (process.env.CI) {
    console.error(`\n== browser tests: no Chromium found, and CI requires them. ${how}`);
    process.exit(1);
  }
  console.warn(`\n== browser tests SKIPPED: no Chromium found. ${how}`);
  process.exit(0);
}
run('browser tests', npm, ['run', '--silent', 'test:e2e'], { ...process.env, CHROMIUM_PATH: chromium });
console.log('\n== all test steps passed');

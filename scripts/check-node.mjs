#!/usr/bin/env node
// Runs before `npm test`, `npm run dev` and `npm run build` (npm's pre-scripts): fail in a moment,
// with the fix, on a Node too old for Astro 7 (>= 22.12), instead of minutes later mid-run.
// Plain syntax only: this file must itself run on old Node versions.
var parts = process.versions.node.split('.').map(Number);
var ok = parts[0] > 22 || (parts[0] === 22 && parts[1] >= 12);
if (!ok) {
  console.error(
    'k8s-netlab needs Node 22.12 or newer (24 recommended); this is Node ' +
      process.versions.node +
      '.\n' +
      'Fix: `nvm install && nvm use` in this folder (.nvmrc says 24), or install Node 24 LTS from the Node.js website.',
  );
  process.exit(1);
}

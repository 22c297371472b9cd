#!/usr/bin/env node
/**
 * `npm run bench [-- SECTION...]`: measures the project against the performance budgets in
 * ../shared/design/architecture.md and prints one table: metric, value, budget, ok/over.
 *
 * A section is a module in scripts/bench/ (`NAME.mjs`, or `NAME.ts`, loaded through tsx) that
 * exports `title` (a short string) and a default async function returning rows:
 *
 *   export const title = 'emulator';
 *   export default async function run(ctx) {        // ctx: { root, args }
 *     return [{ metric: 'kubectl get pods (median)', value: '1.2 ms', budget: '< 5 ms', ok: true }];
 *   }
 *
 * `ok` is true (within budget), false (over) or omitted (no budget: the figure is informative).
 * Sections run one after another, in file-name order; name some to run only those
 * (`npm run bench -- site`). `--list` lists the sections. Exits 1 when any row is over budget.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sectionsDir = join(root, 'scripts', 'bench');

/** Section files: NAME.mjs or NAME.ts, tests and helpers (leading underscore) excluded. */
function sectionFiles() {
  return readdirSync(sectionsDir)
    .filter((f) => /\.(mjs|ts)$/.test(f) && !/\.(test|spec)\.|\.d\.ts$/.test(f) && !f.startsWith('_'))
    .sort();
}

async function loadSection(file) {
  const path = join(sectionsDir, file);
  if (extname(file) === '.ts') {
    const { tsImport } = await import('tsx/esm/api');
    return tsImport(pathToFileURL(path).href, import.meta.url);
  }
  return import(pathToFileURL(path).href);
}

function printTable(rows) {
  const header = ['section', 'metric', 'value', 'budget', 'status'];
  const cells = rows.map((r) => [
    r.section,
    r.metric,
    r.value,
    r.budget ?? '—',
    r.ok === undefined ? '' : r.ok ? 'ok' : 'OVER',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) =>
    c
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const c of cells) console.log(line(c));
}

const args = process.argv.slice(2);
const files = sectionFiles();
if (args.includes('--list')) {
  for (const f of files) console.log(basename(f, extname(f)));
  process.exit(0);
}
const wanted = args.filter((a) => !a.startsWith('-'));
const chosen = wanted.length ? files.filter((f) => wanted.includes(basename(f, extname(f)))) : files;
if (wanted.length && chosen.length !== wanted.length) {
  console.error(
    `bench: unknown section in ${wanted.join(', ')}; sections: ${files.map((f) => basename(f, extname(f))).join(', ')}`,
  );
  process.exit(2);
}

const rows = [];
let failed = false;
for (const file of chosen) {
  const name = basename(file, extname(file));
  console.error(`bench: running ${name}...`);
  try {
    const mod = await loadSection(file);
    const sectionRows = await mod.default({ root, args });
    for (const row of sectionRows) rows.push({ section: mod.title ?? name, ...row });
  } catch (error) {
    failed = true;
    rows.push({
      section: name,
      metric: 'section failed',
      value: String(error?.message ?? error).split('\n')[0],
      ok: false,
    });
  }
}
console.log('');
printTable(rows);
process.exit(failed || rows.some((r) => r.ok === false) ? 1 : 0);

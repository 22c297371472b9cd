/**
 * `npm run lessons [-- --write] [FILE...]`: run every lesson's shell blocks in the emulator, in page
 * order, as a learner following the lesson would. Without --write it reports the commands that do not
 * work (not emulated, command not found, usage errors) and the console transcripts whose text differs
 * from what the emulator prints; with --write it rewrites those transcripts in place. Exit 1 when
 * anything is wrong (after --write: only broken commands remain to report).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rewriteTranscripts, runLesson, transcriptDrift } from './lessons/run';

const LESSONS_DIR = 'src/content/lessons';

/** Every lesson MDX file, Korean pages included (src/content/lessons/**.mdx). */
export function lessonFiles(dir = LESSONS_DIR): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => join(dir, f));
}

async function main(argv: string[]): Promise<number> {
  const write = argv.includes('--write');
  const named = argv.filter((a) => !a.startsWith('--'));
  let bad = 0;
  for (const file of named.length ? named : lessonFiles()) {
    const text = readFileSync(file, 'utf8');
    const run = await runLesson(file, text);
    for (const p of run.problems) {
      bad++;
      console.log(`${p.file}:${p.line}: ${p.message}\n    $ ${p.input.split('\n').join('\n    > ')}`);
    }
    const drift = transcriptDrift(run);
    if (write) {
      if (drift.length) {
        writeFileSync(file, rewriteTranscripts(text, run));
        console.log(`${file}: ${drift.length} transcript output(s) rewritten`);
      }
    } else {
      for (const d of drift) {
        bad++;
        console.log(`${file}:${d.line}: transcript differs for $ ${d.input.split('\n')[0]}`);
        console.log(diffLines(d.page, d.emulator));
      }
    }
  }
  if (bad) console.log(`\n${bad} problem(s)${write ? '' : '; `npm run lessons -- --write` regenerates transcripts'}`);
  return bad ? 1 : 0;
}

/** A minimal line diff for the report: page lines prefixed `-`, emulator lines `+`, common lines kept. */
function diffLines(page: string, emulator: string): string {
  const a = page.split('\n');
  const b = emulator.split('\n');
  const out: string[] = [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) out.push(`      ${a[i]}`);
    else {
      if (a[i] !== undefined) out.push(`    - ${a[i]}`);
      if (b[i] !== undefined) out.push(`    + ${b[i]}`);
    }
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}

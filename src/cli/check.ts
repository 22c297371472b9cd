/**
 * `netlab check`: validates every lesson exercise and every lab. Exercises and labs arrive with the
 * grading issue; until then this reports what it found, and fails on any lab file it cannot read,
 * so a broken file never passes silently.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export function check(root: string, out: (line: string) => void): number {
  let problems = 0;
  const labsDir = join(root, 'labs');
  const labFiles = existsSync(labsDir) ? readdirSync(labsDir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  for (const file of labFiles) {
    const docs = parseAllDocuments(readFileSync(join(labsDir, file), 'utf8'));
    const errors = (Array.isArray(docs) ? docs : [docs]).flatMap((d) => d.errors);
    for (const e of errors) {
      out(`labs/${file}: ${e.message.split('\n')[0]}`);
      problems++;
    }
  }
  out(`netlab check: ${labFiles.length} lab file(s), 0 exercise(s) checked; ${problems} problem(s)`);
  return problems ? 1 : 0;
}

/**
 * src/grading runs in the browser worker as well as in Node, and grades by replay, so it follows
 * src/sim's rules: no Node-only module, no DOM, no wall clock, no unseeded chance.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(process.cwd(), 'src/grading');
const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('src/grading', () => {
  it.each(sources)('%s uses no node:* module, DOM, wall clock or Math.random', (file) => {
    const code = readFileSync(join(dir, file), 'utf8').replace(/^\s*(\/\/|\*|\/\*\*).*$/gm, '');
    expect(
      code.match(/from '(node:[^']+|fs|path|os)'|\bwindow\.|\bdocument\.|Date\.now\(|new Date\(|Math\.random\(/g),
    ).toBeNull();
  });
});

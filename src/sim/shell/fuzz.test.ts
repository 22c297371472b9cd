/**
 * Feeds thousands of random and malformed lines to the shell: every line must be answered (no
 * uncaught exception, no internal error), syntax errors must say so with status 2, and every run
 * must finish.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { freshSession } from './testing';
import { parse } from './parser';

const TOKENS = [
  'echo',
  'printf',
  'cat',
  'ls',
  'cd',
  'pwd',
  'grep',
  'egrep',
  'sort',
  'uniq',
  'wc',
  'head',
  'tail',
  'cut',
  'tr',
  'sed',
  'awk',
  'tee',
  'xargs',
  'seq',
  'sleep',
  'date',
  'true',
  'false',
  'sudo',
  'exit',
  'help',
  'history',
  'alias',
  'export',
  'unset',
  'test',
  '[',
  ']',
  '[[',
  ']]',
  'expr',
  'k',
  'kubectl',
  'docker',
  'exec',
  '-it',
  'bash',
  'sh',
  'watch',
  'env',
  'type',
  'read',
  'nope',
  '-n',
  '-c',
  '-l',
  '-r',
  '-k',
  '2',
  '-E',
  '-v',
  '-i',
  '-d:',
  '-f1',
  '-F:',
  '--foo',
  '-1',
  '-z',
  '-e',
  'a',
  'b',
  'x.yaml',
  '*.yaml',
  '/etc/hostname',
  '~',
  '.',
  '..',
  '/',
  'f',
  'dir/',
  '1',
  '0',
  '-5',
  '3',
  '42',
  "'",
  '"',
  '`',
  '\\',
  '$',
  '$x',
  '${x',
  '${x:-d}',
  '${#x}',
  '$(',
  ')',
  '(',
  '$((',
  '))',
  '1+2',
  '{',
  '}',
  '{1..3}',
  '{a,b}',
  '|',
  '||',
  '&&',
  ';',
  ';;',
  '&',
  '>',
  '>>',
  '<',
  '2>&1',
  '2>/dev/null',
  '<<EOF',
  '<<-EOF',
  "<<'EOF'",
  'EOF',
  '<<<',
  'for',
  'i',
  'in',
  'do',
  'done',
  'while',
  'until',
  'if',
  'then',
  'elif',
  'else',
  'fi',
  'case',
  'esac',
  'function',
  '!',
  's/a/b/g',
  '{print $1}',
  'x=1',
  'x=$(echo hi)',
  '%s\\n',
  '\n',
  '#',
  '*',
  '?',
  '=',
  '==',
  '-eq',
  '-lt',
];

function randomLine(rng: Rng): string {
  const n = rng.range(1, 12);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = rng.pick(TOKENS);
    // Sometimes glue tokens together, as typos do.
    if (rng.next() < 0.2) w += rng.pick(TOKENS);
    words.push(w);
  }
  return words.join(rng.next() < 0.9 ? ' ' : '');
}

describe('shell fuzz', () => {
  it('answers 3000 random and malformed lines without an uncaught exception or internal error', async () => {
    const rng = new Rng(20261002);
    const { sh } = freshSession();
    let syntaxErrors = 0;
    for (let k = 0; k < 3000; k++) {
      const line = randomLine(rng);
      let out = '';
      let err = '';
      const status = await sh.run(line, {
        stdout: { write: (s) => void (out += s) },
        stderr: { write: (s) => void (err += s) },
      });
      const ctx = `line ${k}: ${JSON.stringify(line)}\nstdout: ${out}\nstderr: ${err}`;
      expect(Number.isInteger(status) && status >= 0 && status <= 255, ctx).toBe(true);
      expect(out + err, ctx).not.toContain('internal error');
      let parses = true;
      try {
        parse(line.replace(/\n+$/, ''));
      } catch {
        parses = false;
      }
      if (!parses && line.trim() !== '') {
        syntaxErrors++;
        expect(err, ctx).toMatch(/syntax error|bad substitution|not a valid identifier/);
        expect(status, ctx).toBe(2);
      }
    }
    // The generator must really produce malformed input, or this test proves little.
    expect(syntaxErrors).toBeGreaterThan(300);
  }, 120_000);
});

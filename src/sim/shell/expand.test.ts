import { describe, expect, it } from 'vitest';
import { runFresh } from './testing';

// Expected outputs: bash 5.2 on the same lines.
describe('expansion', () => {
  it('expands braces before variables, in order', async () => {
    expect(await runFresh('echo {a,b}{1..3}', 'echo x{3..1}')).toBe('a1 a2 a3 b1 b2 b3\nx3 x2 x1\n');
  });

  it('applies the parameter operators: default, length, prefix and suffix removal, replacement', async () => {
    expect(await runFresh('f=web.tar.gz; echo ${u:-none} ${#f} ${f%.*} ${f%%.*} ${f#*.} ${f/tar/zip}')).toBe(
      'none 10 web.tar web tar.gz web.zip.gz\n',
    );
  });

  it('splits unquoted expansions on IFS and keeps quoted ones whole', async () => {
    expect(await runFresh('v="a  b"; for w in $v; do echo [$w]; done; for w in "$v"; do echo "[$w]"; done')).toBe(
      '[a]\n[b]\n[a  b]\n',
    );
  });

  it('evaluates arithmetic and substitutes command output without its trailing newlines', async () => {
    expect(await runFresh('echo $((7 / 2)) $((2 ** 10)) $(printf "x\\n\\n")')).toBe('3 1024 x\n');
  });

  it('leaves single-quoted text alone and expands inside double quotes', async () => {
    expect(await runFresh('n=3; echo \'$n\' "$n" \\$n')).toBe('$n 3 $n\n');
  });
});

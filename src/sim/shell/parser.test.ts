import { describe, expect, it } from 'vitest';
import { parse, isCompleteInput, ShellSyntaxError } from './parser';

function syntaxError(src: string): string {
  try {
    parse(src);
  } catch (e) {
    if (e instanceof ShellSyntaxError) return e.message;
    throw e;
  }
  throw new Error(`no syntax error for ${JSON.stringify(src)}`);
}

describe('isCompleteInput', () => {
  it.each([
    ["echo 'open"],
    ['echo "open'],
    ['cat <<EOF\nline'],
    ['cat <<EOT> f.yaml'],
    ['for i in 1 2; do echo $i'],
    ['while true; do'],
    ['if true; then echo'],
    ['echo a |'],
    ['true &&'],
    ['false ||'],
    ['echo a \\'],
    ['x=$(echo'],
    ['{ echo a;'],
    ['case x in'],
  ])('says %j is incomplete', (src) => {
    expect(isCompleteInput(src)).toBe(false);
  });

  it.each([
    ['echo hi'],
    ['cat <<EOF\nline\nEOF'],
    ['cat <<-EOF\n\tline\n\tEOF'],
    ['for i in 1 2; do echo $i; done'],
    ['for i in 1 2\ndo\n  echo $i\ndone'],
    ['echo a |\n grep a'],
    ['done'],
    [''],
  ])('says %j is complete', (src) => {
    expect(isCompleteInput(src)).toBe(true);
  });
});

describe('syntax errors', () => {
  it('reports a stray done with bash wording', () => {
    expect(syntaxError('done')).toBe("syntax error near unexpected token `done'");
  });

  it('reports a leading pipe', () => {
    expect(syntaxError('| grep x')).toBe("syntax error near unexpected token `|'");
  });

  it('reports fi right after then', () => {
    expect(syntaxError('if true; then fi')).toBe("syntax error near unexpected token `fi'");
  });

  it('reports a redirection without a target as newline', () => {
    expect(syntaxError('echo >')).toBe("syntax error near unexpected token `newline'");
  });

  it('reports a lone semicolon', () => {
    expect(syntaxError(';')).toBe("syntax error near unexpected token `;'");
  });
});

describe('parse', () => {
  it('attaches the heredoc body and the file redirection of cat <<EOT> f.yaml', () => {
    const prog = parse('cat <<EOT> f.yaml\na: $X\nEOT');
    const cmd = prog.items[0]!.first.commands[0]!;
    expect(cmd.type).toBe('simple');
    if (cmd.type !== 'simple') return;
    expect(cmd.redirects.map((r) => r.op)).toEqual(['<<', '>']);
    expect(cmd.redirects[0]!.heredoc).toEqual({
      parts: [
        { k: 'q', v: 'a: ' },
        { k: 'param', name: 'X' },
        { k: 'q', v: '\n' },
      ],
    });
  });

  it('keeps a quoted heredoc delimiter body literal', () => {
    const prog = parse("cat <<'EOF'\n$HOME `x`\nEOF");
    const cmd = prog.items[0]!.first.commands[0]!;
    if (cmd.type !== 'simple') throw new Error('expected a simple command');
    expect(cmd.redirects[0]!.heredoc).toEqual({ parts: [{ k: 'q', v: '$HOME `x`\n' }] });
  });

  it('records the input line each top-level command starts on', () => {
    const prog = parse('echo a; echo b\necho c');
    expect(prog.items.map((i) => i.line)).toEqual([0, 0, 1]);
  });
});

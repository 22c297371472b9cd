import { describe, expect, it } from 'vitest';
import { LineEditor, formatColumns, commonPrefix, visibleWidth, type EditorAction } from './lineEditor';
import { splitKeys, PASTE_START, PASTE_END } from './keys';

const UP = '\x1b[A';
const DOWN = '\x1b[B';
const LEFT = '\x1b[D';
const HOME = '\x1b[H';
const END = '\x1b[F';
const DEL = '\x1b[3~';
const BS = '\x7f';

/** Feed keys (split like xterm data) and collect what the editor writes and asks for. */
function type(ed: LineEditor, data: string): { write: string; actions: EditorAction[] } {
  let write = '';
  const actions: EditorAction[] = [];
  for (const k of splitKeys(data)) {
    const r = ed.key(k);
    write += r.write;
    if (r.action) actions.push(r.action);
  }
  return { write, actions };
}

function editor(opts: { cols?: number; history?: string[]; prompt?: string } = {}): LineEditor {
  const ed = new LineEditor({ cols: opts.cols ?? 80, history: opts.history });
  ed.start(opts.prompt ?? '$ ');
  return ed;
}

describe('splitKeys', () => {
  it('splits CSI sequences, Alt keys and plain characters into single keys', () => {
    expect(splitKeys('a\x1b[A\x1bbc\x1b[1;5D\x1bOH')).toEqual(['a', '\x1b[A', '\x1bb', 'c', '\x1b[1;5D', '\x1bOH']);
  });

  it('keeps bracketed-paste markers as keys and turns a pasted CRLF into one Enter', () => {
    expect(splitKeys(`${PASTE_START}ab\r\ncd${PASTE_END}`)).toEqual([PASTE_START, 'a', 'b', '\r', 'c', 'd', PASTE_END]);
  });
});

describe('LineEditor: typing and moving', () => {
  it('writes the prompt when a line starts', () => {
    const ed = new LineEditor({ cols: 80 });
    expect(ed.start('$ ')).toBe('$ ');
  });

  it('echoes characters typed at the end of the line', () => {
    const ed = editor();
    expect(type(ed, 'ls -l').write).toBe('ls -l');
    expect(ed.line).toBe('ls -l');
  });

  it('inserts in the middle of the line and repaints the rest', () => {
    const ed = editor();
    type(ed, 'abc');
    expect(type(ed, LEFT).write).toBe('\x1b[1D');
    expect(type(ed, 'X').write).toBe('Xc\x1b[J\x1b[1D');
    expect(ed.line).toBe('abXc');
  });

  it('moves to the start and end with Home/End and Ctrl-A/Ctrl-E', () => {
    const ed = editor();
    type(ed, 'abc');
    expect(type(ed, HOME).write).toBe('\x1b[3D');
    expect(type(ed, END).write).toBe('\x1b[3C');
    expect(type(ed, '\x01').write).toBe('\x1b[3D');
    expect(ed.cursorIndex).toBe(0);
    expect(type(ed, '\x05').write).toBe('\x1b[3C');
    expect(ed.cursorIndex).toBe(3);
  });

  it('does not move past either end of the line', () => {
    const ed = editor();
    type(ed, 'ab');
    expect(type(ed, '\x1b[C').write).toBe('');
    type(ed, HOME);
    expect(type(ed, LEFT).write).toBe('');
    expect(ed.cursorIndex).toBe(0);
  });

  it('moves by words with Alt-B and Alt-F', () => {
    const ed = editor();
    type(ed, 'kubectl get pods');
    expect(type(ed, '\x1bb').write).toBe('\x1b[4D');
    expect(type(ed, '\x1bb').write).toBe('\x1b[4D');
    expect(ed.cursorIndex).toBe(8);
    expect(type(ed, '\x1bf').write).toBe('\x1b[3C');
    expect(ed.cursorIndex).toBe(11);
  });

  it('deletes backwards with Backspace and forwards with Delete', () => {
    const ed = editor();
    type(ed, 'abc');
    expect(type(ed, BS).write).toBe('\x1b[1D\x1b[J');
    expect(ed.line).toBe('ab');
    type(ed, HOME);
    expect(type(ed, DEL).write).toBe('b\x1b[J\x1b[1D');
    expect(ed.line).toBe('b');
  });

  it('ignores Backspace at the start of the line', () => {
    const ed = editor();
    type(ed, 'a' + HOME);
    expect(type(ed, BS).write).toBe('');
    expect(ed.line).toBe('a');
  });

  it('repaints the new prompt row and text when the prompt has ANSI colours', () => {
    const ed = editor({ prompt: '\x1b[01;32mroot@myk8s-worker\x1b[00m:/# ' });
    type(ed, 'ip');
    expect(visibleWidth('\x1b[01;32mroot@myk8s-worker\x1b[00m:/# ')).toBe(21);
    expect(type(ed, '\x01').write).toBe('\x1b[2D');
  });
});

describe('LineEditor: kill and yank', () => {
  it('kills to the start of the line with Ctrl-U and yanks it back with Ctrl-Y', () => {
    const ed = editor();
    type(ed, 'abc def');
    expect(type(ed, '\x15').write).toBe('\x1b[7D\x1b[J');
    expect(ed.line).toBe('');
    expect(type(ed, '\x19').write).toBe('abc def');
    expect(ed.line).toBe('abc def');
  });

  it('kills to the end of the line with Ctrl-K', () => {
    const ed = editor();
    type(ed, 'abc def' + HOME + '\x1bf');
    expect(type(ed, '\x0b').write).toBe('\x1b[J');
    expect(ed.line).toBe('abc');
  });

  it('kills the previous whitespace-separated word with Ctrl-W', () => {
    const ed = editor();
    type(ed, 'kubectl get po/web-1');
    type(ed, '\x17');
    expect(ed.line).toBe('kubectl get ');
  });

  it('kills the previous alphanumeric word with Alt-Backspace', () => {
    const ed = editor();
    type(ed, 'kubectl get po/web');
    type(ed, '\x1b\x7f');
    expect(ed.line).toBe('kubectl get po/');
  });
});

describe('LineEditor: yank-last-arg', () => {
  it('inserts the last word of the previous command on Alt-.', () => {
    const ed = editor({ history: ['kubectl get pod web-5d9c7b-x2kqz'] });
    type(ed, 'kubectl describe pod \x1b.');
    expect(ed.line).toBe('kubectl describe pod web-5d9c7b-x2kqz');
  });
});

describe('LineEditor: Enter, Ctrl-C, Ctrl-D, Ctrl-L', () => {
  it('submits the line from anywhere in it, moving to its end first', () => {
    const ed = editor();
    type(ed, 'echo hi' + HOME);
    const r = type(ed, '\r');
    expect(r.write).toBe('\x1b[7C\r\n');
    expect(r.actions).toEqual([{ type: 'submit', line: 'echo hi' }]);
    expect(ed.line).toBe('');
  });

  it('submits an empty line without adding it to history', () => {
    const ed = editor();
    expect(type(ed, '\r').actions).toEqual([{ type: 'submit', line: '' }]);
    expect(ed.history).toEqual([]);
  });

  it('prints ^C at the end of the line on Ctrl-C and discards the line', () => {
    const ed = editor();
    type(ed, 'kubectl' + LEFT + LEFT);
    const r = type(ed, '\x03');
    expect(r.write).toBe('\x1b[2C^C\r\n');
    expect(r.actions).toEqual([{ type: 'interrupt', line: 'kubectl' }]);
    expect(ed.line).toBe('');
    expect(ed.history).toEqual([]);
  });

  it('reports end of input on Ctrl-D at an empty line', () => {
    const ed = editor();
    expect(type(ed, '\x04').actions).toEqual([{ type: 'eof' }]);
  });

  it('deletes the character under the cursor on Ctrl-D in a non-empty line', () => {
    const ed = editor();
    type(ed, 'ab' + HOME);
    expect(type(ed, '\x04').actions).toEqual([]);
    expect(ed.line).toBe('b');
  });

  it('clears the screen on Ctrl-L and redraws the prompt and the line', () => {
    const ed = editor();
    type(ed, 'ab');
    expect(type(ed, '\x0c').write).toBe('\x1b[H\x1b[2J$ ab\x1b[J');
    expect(ed.line).toBe('ab');
  });
});

describe('LineEditor: history', () => {
  it('walks back with Up and forward with Down, keeping the line being typed', () => {
    const ed = editor({ history: ['kubectl get nodes', 'ls'] });
    type(ed, 'ech');
    expect(type(ed, UP).write).toBe('\x1b[3Dls\x1b[J');
    expect(ed.line).toBe('ls');
    type(ed, UP);
    expect(ed.line).toBe('kubectl get nodes');
    type(ed, UP);
    expect(ed.line).toBe('kubectl get nodes');
    type(ed, DOWN);
    expect(ed.line).toBe('ls');
    type(ed, DOWN);
    expect(ed.line).toBe('ech');
  });

  it('keeps an edit made to a history line while browsing', () => {
    const ed = editor({ history: ['one', 'two'] });
    type(ed, UP + ' more' + UP + DOWN);
    expect(ed.line).toBe('two more');
  });

  it('adds submitted lines to history once, skipping an immediate repeat', () => {
    const ed = editor();
    type(ed, 'ls\r');
    ed.start('$ ');
    type(ed, 'ls\r');
    ed.start('$ ');
    type(ed, 'pwd\r');
    expect(ed.history).toEqual(['ls', 'pwd']);
  });

  it('moves the cursor to the end of the recalled line', () => {
    const ed = editor({ history: ['kubectl get svc'] });
    type(ed, UP);
    expect(ed.cursorIndex).toBe(15);
  });
});

describe('LineEditor: Ctrl-R reverse search', () => {
  const history = ['kubectl get nodes', 'ls -l', 'kubectl get pods -A'];

  it('shows the (reverse-i-search) prompt when Ctrl-R is pressed', () => {
    const ed = editor({ history });
    expect(type(ed, '\x12').write).toBe("\r(reverse-i-search)`': \x1b[J");
  });

  it('shows the newest match with the cursor at the matched text', () => {
    const ed = editor({ history });
    type(ed, '\x12ku');
    const r = type(ed, 'b');
    expect(r.write).toBe("\r(reverse-i-search)`kub': kubectl get pods -A\x1b[J\x1b[19D");
    expect(ed.line).toBe('kubectl get pods -A');
    expect(ed.cursorIndex).toBe(0);
  });

  it('finds an older match when Ctrl-R is pressed again, and Enter runs it', () => {
    const ed = editor({ history });
    type(ed, '\x12kub\x12');
    expect(ed.line).toBe('kubectl get nodes');
    const r = type(ed, '\r');
    expect(r.actions).toEqual([{ type: 'submit', line: 'kubectl get nodes' }]);
    expect(r.write).toBe('\r$ kubectl get nodes\x1b[J\x1b[17D\x1b[17C\r\n');
  });

  it('says failed when nothing matches', () => {
    const ed = editor({ history });
    const r = type(ed, '\x12zz');
    expect(r.write.endsWith("\r(failed reverse-i-search)`zz': \x1b[J")).toBe(true);
  });

  it('restores the original line on Ctrl-G', () => {
    const ed = editor({ history });
    type(ed, 'draft\x12ls');
    expect(ed.line).toBe('ls -l');
    type(ed, '\x07');
    expect(ed.line).toBe('draft');
    expect(ed.cursorIndex).toBe(5);
  });

  it('keeps the match for editing when a movement key ends the search', () => {
    const ed = editor({ history });
    type(ed, '\x12nodes\x05');
    expect(ed.line).toBe('kubectl get nodes');
    expect(ed.cursorIndex).toBe(17);
    type(ed, ' -o wide');
    expect(ed.line).toBe('kubectl get nodes -o wide');
  });

  it('shortens the query on Backspace and searches again from the newest line', () => {
    const ed = editor({ history });
    type(ed, '\x12ls -x');
    type(ed, BS + BS);
    expect(ed.line).toBe('ls -l');
  });
});

describe('LineEditor: Tab completion', () => {
  it('asks the host for completions with the line and cursor', () => {
    const ed = editor();
    type(ed, 'kubectl get po');
    expect(type(ed, '\t').actions).toEqual([{ type: 'complete', line: 'kubectl get po', cursor: 14 }]);
  });

  it('completes a single candidate and adds a space', () => {
    const ed = editor();
    type(ed, 'kubectl get po\t');
    expect(ed.applyCompletion({ start: 12, candidates: ['pods'] })).toBe('\x1b[2Dpods \x1b[J');
    expect(ed.line).toBe('kubectl get pods ');
  });

  it('completes a directory without adding a space', () => {
    const ed = editor();
    type(ed, 'cat /et\t');
    ed.applyCompletion({ start: 4, candidates: ['/etc/'] });
    expect(ed.line).toBe('cat /etc/');
  });

  it('extends the word to the common prefix of several candidates', () => {
    const ed = editor();
    type(ed, 'kubectl get p\t');
    ed.applyCompletion({ start: 12, candidates: ['pods', 'podtemplates'] });
    expect(ed.line).toBe('kubectl get pod');
  });

  it('rings the bell on the first Tab when candidates share no longer prefix', () => {
    const ed = editor();
    type(ed, 'kubectl get p\t');
    expect(ed.applyCompletion({ start: 12, candidates: ['pods', 'persistentvolumes'] })).toBe('\x07');
  });

  it('rings the bell when nothing completes', () => {
    const ed = editor();
    type(ed, 'kubectl get zz\t');
    expect(ed.applyCompletion({ start: 12, candidates: [] })).toBe('\x07');
  });

  it('lists the candidates in columns on the second Tab and redraws the prompt and line', () => {
    const ed = editor({ cols: 40 });
    type(ed, 'kubectl get n\t');
    ed.applyCompletion({ start: 12, candidates: ['nodes', 'namespaces', 'networkpolicies'] });
    type(ed, '\t');
    expect(ed.applyCompletion({ start: 12, candidates: ['nodes', 'namespaces', 'networkpolicies'] })).toBe(
      '\r\nnamespaces       nodes\r\nnetworkpolicies  \r\n$ kubectl get n\x1b[J',
    );
    expect(ed.line).toBe('kubectl get n');
  });

  it('asks before listing more than 100 candidates and lists them on y', () => {
    const ed = editor({ cols: 80 });
    const many = Array.from({ length: 101 }, (_, i) => `pod-${String(i).padStart(3, '0')}`);
    type(ed, 'x \t');
    ed.applyCompletion({ start: 2, candidates: many });
    type(ed, '\t');
    expect(ed.applyCompletion({ start: 2, candidates: many })).toBe('\r\nDisplay all 101 possibilities? (y or n)');
    const r = type(ed, 'y');
    expect(r.write.startsWith('\r\npod-000  pod-013  ')).toBe(true);
    expect(r.write.endsWith('pod-090  \r\n$ x pod-\x1b[J')).toBe(true);
  });

  it('treats a Tab inside a bracketed paste as text, not completion', () => {
    const ed = editor();
    const r = type(ed, `${PASTE_START}a\tb${PASTE_END}`);
    expect(r.actions).toEqual([]);
    expect(ed.line).toBe('a    b');
  });
});

describe('LineEditor: paste', () => {
  it('submits each pasted line in order as if typed', () => {
    const ed = editor();
    const actions: EditorAction[] = [];
    for (const k of splitKeys(`${PASTE_START}echo a\recho b\r${PASTE_END}`)) {
      const r = ed.key(k);
      if (r.action?.type === 'submit') {
        actions.push(r.action);
        ed.start('$ ');
      }
    }
    expect(actions).toEqual([
      { type: 'submit', line: 'echo a' },
      { type: 'submit', line: 'echo b' },
    ]);
    expect(ed.inPaste).toBe(false);
  });
});

describe('LineEditor: lines wider than the terminal', () => {
  it('forces the wrap when the text ends exactly at the right margin', () => {
    const ed = editor({ cols: 10 });
    expect(type(ed, 'abcdefg').write).toBe('abcdefg');
    expect(type(ed, 'h').write).toBe('h \r\x1b[J');
    expect(type(ed, 'i').write).toBe('i');
  });

  it('moves across rows for Home and End on a wrapped line', () => {
    const ed = editor({ cols: 10 });
    type(ed, 'abcdefghi');
    expect(type(ed, HOME).write).toBe('\x1b[1A\r\x1b[2C');
    expect(type(ed, END).write).toBe('\x1b[1B\r\x1b[1C');
  });

  it('moves Left from the first column of a row to the last column of the row above', () => {
    const ed = editor({ cols: 10 });
    type(ed, 'abcdefghi');
    expect(type(ed, LEFT).write).toBe('\x1b[1D');
    expect(type(ed, LEFT).write).toBe('\x1b[1A\r\x1b[9C');
    expect(ed.cursorIndex).toBe(7);
  });

  it('repaints a wrapped line after a delete at its start and returns the cursor to the first row', () => {
    const ed = editor({ cols: 10 });
    type(ed, 'abcdefghi' + HOME);
    expect(type(ed, DEL).write).toBe('bcdefghi \r\x1b[J\x1b[1A\r\x1b[2C');
    expect(ed.line).toBe('bcdefghi');
  });

  it('does not add a blank row on Enter when the line ends at the margin', () => {
    const ed = editor({ cols: 10 });
    type(ed, 'abcdefgh');
    expect(type(ed, '\r').write).toBe('');
  });

  it('climbs back to the prompt row when reverse search starts on a wrapped line', () => {
    const ed = editor({ cols: 10, history: ['x'] });
    type(ed, 'abcdefghi');
    expect(type(ed, '\x12').write.startsWith('\x1b[1A\r(reverse-i-search)')).toBe(true);
  });

  it('counts a coloured prompt by its visible width when wrapping', () => {
    const ed = editor({ cols: 10, prompt: '\x1b[1m$\x1b[0m ' });
    expect(type(ed, 'abcdefgh').write).toBe('abcdefgh \r\x1b[J');
  });
});

describe('formatColumns and commonPrefix', () => {
  it('puts one item per row when items are wider than half the screen', () => {
    expect(formatColumns(['aaaaaa', 'bbbbbb'], 10)).toEqual(['aaaaaa', 'bbbbbb']);
  });

  it('never lets the columns exactly fill the screen width', () => {
    // Columns are 3 wide: 4 of them would fill 12 columns exactly, so readline uses 3.
    expect(formatColumns(['a', 'b', 'c', 'd'], 12)).toEqual(['a  c  ', 'b  d  ']);
  });

  it('finds the longest common prefix', () => {
    expect(commonPrefix(['myk8s-worker', 'myk8s-worker2', 'myk8s-worker3'])).toBe('myk8s-worker');
  });
});

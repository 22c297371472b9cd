import { describe, expect, it } from 'vitest';
import { TerminalController, toTerminalNewlines } from './controller';
import type { ToWorker } from './protocol';

function setup() {
  const screen: string[] = [];
  const sent: ToWorker[] = [];
  const c = new TerminalController({ write: (d) => screen.push(d), send: (m) => sent.push(m), cols: 80 });
  const ready = (prompt = '$ ') => c.receive({ type: 'ready', prompt, bootMs: 1, history: [], location: 'host' });
  const runs = () => sent.filter((m): m is Extract<ToWorker, { type: 'run' }> => m.type === 'run');
  const finish = (status = 0, prompt = '$ ') => {
    const last = runs().at(-1)!;
    c.receive({ type: 'done', id: last.id, status, prompt, continuation: false, location: 'host' });
  };
  return { c, screen, sent, ready, runs, finish };
}

describe('TerminalController', () => {
  it('shows the prompt when the worker is ready', () => {
    const { screen, ready } = setup();
    ready('$ ');
    expect(screen.join('')).toBe('$ ');
  });

  it('echoes typed keys and sends the line to the worker on Enter', () => {
    const { c, screen, ready, runs } = setup();
    ready();
    c.input('kubectl get nodes\r');
    expect(screen.join('')).toBe('$ kubectl get nodes\r\n');
    expect(runs()).toEqual([{ type: 'run', id: 1, text: 'kubectl get nodes' }]);
    expect(c.state).toBe('busy');
  });

  it('writes output with terminal line endings and prompts again when the run is done', () => {
    const { c, screen, ready, finish } = setup();
    ready();
    c.input('echo hi\r');
    c.receive({ type: 'output', stream: 'stdout', data: 'hi\n' });
    finish(0, 'root@myk8s-worker:/# ');
    expect(screen.join('')).toBe('$ echo hi\r\nhi\r\nroot@myk8s-worker:/# ');
    expect(c.state).toBe('idle');
  });

  it('keeps reading lines with the continuation prompt until the input is complete', () => {
    const { c, screen, ready, runs, finish } = setup();
    ready();
    c.input('cat <<EOF\r');
    c.receive({ type: 'done', id: 1, status: -1, prompt: '> ', continuation: true, location: 'host' });
    c.input('hello\r');
    c.receive({ type: 'done', id: 2, status: -1, prompt: '> ', continuation: true, location: 'host' });
    c.input('EOF\r');
    expect(runs().map((r) => r.text)).toEqual(['cat <<EOF', 'cat <<EOF\nhello', 'cat <<EOF\nhello\nEOF']);
    finish();
    expect(screen.join('')).toBe('$ cat <<EOF\r\n> hello\r\n> EOF\r\n$ ');
  });

  it('interrupts a running command on Ctrl-C and drops keys typed ahead', () => {
    const { c, sent, ready, runs } = setup();
    ready();
    c.input('for i in {1..1000}; do echo $i; done\r');
    c.input('ls');
    c.input('\x03');
    expect(sent.at(-1)).toEqual({ type: 'interrupt' });
    c.receive({ type: 'output', stream: 'stdout', data: '^C\n' });
    c.receive({ type: 'done', id: 1, status: 130, prompt: '$ ', continuation: false, location: 'host' });
    expect(runs()).toHaveLength(1);
    expect(c.editor.line).toBe('');
  });

  it('drops the lines of an unfinished input on Ctrl-C at the continuation prompt', () => {
    const { c, screen, ready, runs } = setup();
    ready();
    c.input('for i in 1 2\r');
    c.receive({ type: 'done', id: 1, status: -1, prompt: '> ', continuation: true, location: 'host' });
    c.input('\x03echo ok\r');
    expect(runs().at(-1)?.text).toBe('echo ok');
    expect(screen.join('')).toBe('$ for i in 1 2\r\n> ^C\r\n$ echo ok\r\n');
  });

  it('runs pasted lines one after another, each after the previous finished', () => {
    const { c, ready, runs, finish } = setup();
    ready();
    c.input('\x1b[200~echo a\recho b\r\x1b[201~');
    expect(runs().map((r) => r.text)).toEqual(['echo a']);
    finish();
    expect(runs().map((r) => r.text)).toEqual(['echo a', 'echo b']);
  });

  it('resolves runLines once every line has run', async () => {
    const { c, ready, runs, finish } = setup();
    ready();
    let finished = false;
    const p = c.runLines(['kubectl get nodes', 'kubectl get pod -A -o wide']).then(() => (finished = true));
    finish();
    await Promise.resolve();
    expect(finished).toBe(false);
    finish();
    await p;
    expect(runs().map((r) => r.text)).toEqual(['kubectl get nodes', 'kubectl get pod -A -o wide']);
  });

  it('clears a half-typed line before a Run button types its block', () => {
    const { c, ready, runs } = setup();
    ready();
    c.input('kubectl get');
    void c.runLines(['echo run']);
    expect(runs().map((r) => r.text)).toEqual(['echo run']);
  });

  it('stops the rest of a Run block on Ctrl-C, and Tab completes again afterwards', () => {
    const { c, sent, ready, runs } = setup();
    ready();
    void c.runLines(['sleep 100', 'echo never']);
    c.input('\x03');
    c.receive({ type: 'done', id: 1, status: 130, prompt: '$ ', continuation: false, location: 'host' });
    expect(runs().map((r) => r.text)).toEqual(['sleep 100']);
    c.input('kub\t');
    expect(sent.at(-1)).toEqual({ type: 'complete', id: 1, line: 'kub', cursor: 3 });
  });

  it('drops an unfinished multi-line input before a Run button types its block', () => {
    const { c, ready, runs } = setup();
    ready();
    c.input('for i in 1 2\r');
    c.receive({ type: 'done', id: 1, status: -1, prompt: '> ', continuation: true, location: 'host' });
    void c.runLines(['echo run']);
    expect(runs().map((r) => r.text)).toEqual(['for i in 1 2', 'echo run']);
  });

  it('queues keys typed before the worker is ready and runs them once it is', () => {
    const { c, runs, ready } = setup();
    c.input('ls\r');
    expect(runs()).toEqual([]);
    ready();
    expect(runs().map((r) => r.text)).toEqual(['ls']);
  });

  it('asks the worker for completions on Tab and applies the answer', () => {
    const { c, sent, ready } = setup();
    ready();
    c.input('kubectl exec -it web\t');
    expect(sent.at(-1)).toEqual({ type: 'complete', id: 1, line: 'kubectl exec -it web', cursor: 20 });
    c.input('x');
    c.receive({ type: 'completions', id: 1, start: 17, candidates: ['web-5d9c7b-x2kqz'] });
    expect(c.editor.line).toBe('kubectl exec -it web-5d9c7b-x2kqz x');
  });

  it('leaves a nested shell with exit on Ctrl-D at an empty line', () => {
    const { c, screen, runs } = setup();
    c.receive({ type: 'ready', prompt: 'root@myk8s-worker:/# ', bootMs: 1, history: [], location: 'node' });
    c.input('\x04');
    expect(runs().map((r) => r.text)).toEqual(['exit']);
    // Nothing echoed: the shell prints "exit" itself, right after the prompt, as bash does.
    expect(screen.join('')).toBe('root@myk8s-worker:/# ');
    expect(c.state).toBe('busy');
  });

  it('ignores Ctrl-D at an empty line on the host', () => {
    const { c, runs, ready } = setup();
    ready();
    c.input('\x04');
    expect(runs()).toEqual([]);
  });

  it('prints the notice of a dropped saved session before the first prompt', () => {
    const { c, screen } = setup();
    c.receive({
      type: 'ready',
      prompt: '$ ',
      bootMs: 1,
      history: [],
      location: 'host',
      notice: 'netlab: saved session could not be restored (x); starting fresh',
    });
    expect(screen.join('')).toBe(
      '\x1b[33mnetlab: saved session could not be restored (x); starting fresh\x1b[0m\r\n$ ',
    );
  });

  it('restores history from the worker, one line per entry line', () => {
    const { c } = setup();
    c.receive({ type: 'ready', prompt: '$ ', bootMs: 1, history: ['ls', 'cat <<EOF\nx\nEOF'], location: 'host' });
    expect(c.editor.history).toEqual(['ls', 'cat <<EOF', 'x', 'EOF']);
  });

  it('gives a fresh prompt after a worker error during a run', () => {
    const { c, screen, ready } = setup();
    ready();
    c.input('ls\r');
    c.receive({ type: 'error', message: 'run before init' });
    expect(screen.join('')).toBe('$ ls\r\n\x1b[31mnetlab: run before init\x1b[0m\r\n$ ');
    expect(c.state).toBe('idle');
  });

  it('interrupts a running command on reset and drops what it still prints', () => {
    const { c, screen, sent, ready } = setup();
    ready();
    c.input('for i in {1..1000}; do echo $i; done\r');
    screen.length = 0;
    c.reset();
    expect(sent.slice(-2)).toEqual([{ type: 'interrupt' }, { type: 'reset' }]);
    c.receive({ type: 'output', stream: 'stdout', data: '^C\n' });
    c.receive({ type: 'done', id: 1, status: 130, prompt: '$ ', continuation: false, location: 'host' });
    ready();
    expect(screen.join('')).toBe('$ ');
  });

  it('boots a replacement worker with init instead of reset', () => {
    const { c, sent, ready } = setup();
    ready();
    c.reset({ type: 'init', scenario: 'kind-iptables', seed: 1, setup: [] });
    expect(sent.at(-1)).toEqual({ type: 'init', scenario: 'kind-iptables', seed: 1, setup: [] });
    expect(c.state).toBe('booting');
  });

  it('logs prompts, typed lines and output with colours, but not the editing keys', () => {
    const { c, ready, finish } = setup();
    ready();
    c.input('ip -c linkX\x7f\r');
    c.receive({ type: 'output', stream: 'stdout', data: '1: \x1b[36mlo\x1b[0m: <LOOPBACK>\n' });
    finish();
    c.input('sleep 9\x03');
    expect(c.transcript()).toEqual(['$ ip -c link', '1: \x1b[36mlo\x1b[0m: <LOOPBACK>', '$ sleep 9^C']);
  });

  it('shows a saved scrollback before the first prompt and keeps it in the log', () => {
    const { c, screen, ready } = setup();
    c.showScrollback(['$ echo a', 'a']);
    ready();
    expect(screen.join('')).toBe('$ echo a\r\na\r\n$ ');
    expect(c.transcript()).toEqual(['$ echo a', 'a']);
  });

  it('converts bare newlines without doubling existing CRLFs', () => {
    expect(toTerminalNewlines('a\nb\r\nc')).toBe('a\r\nb\r\nc');
  });
});

import { describe, expect, it } from 'vitest';
import { TerminalHost, type ClusterFactory, type HostedCluster, type HostedShell } from './workerHost';
import type { FromWorker } from './protocol';

/** A tiny stand-in for ShellSession: a few fixed commands, enough to drive the host. */
class FakeShell implements HostedShell {
  constructor(readonly clock = { now: 0 }) {}
  history: string[] = [];
  files: string[] = [];
  run: HostedShell['run'] = async (text, io) => {
    this.history.push(text);
    if (text === 'crash') throw new Error('boom');
    if (text === 'abc') {
      io.stdout.write('a');
      io.stdout.write('b');
      io.stderr.write('!');
      io.stdout.write('c\n');
      return 0;
    }
    const sleep = /^sleep (\d+)$/.exec(text);
    if (sleep) {
      // Like the real sleep: a checkpoint, then one virtual second, per second.
      for (let i = 0; i < Number(sleep[1]); i++) {
        await io.yieldToHost?.();
        if (io.signal?.aborted) {
          io.stdout.write('^C\n');
          return 130;
        }
        this.clock.now += 1000;
      }
      return 0;
    }
    if (text === 'loop') {
      for (let i = 1; i <= 1000; i++) {
        await io.yieldToHost?.();
        if (io.signal?.aborted) {
          io.stdout.write('^C\n');
          return 130;
        }
        io.stdout.write(`${i}\n`);
      }
      return 0;
    }
    if (text === 'winsize') {
      // What the shell was told of the terminal's size (the real one hands it to commands and sets COLUMNS).
      io.stdout.write(io.columns === undefined ? 'unknown\n' : `${io.columns}x${io.rows}\n`);
      return 0;
    }
    const m = /^touch (\S+)$/.exec(text);
    if (m) {
      this.files.push(m[1]!);
      return 0;
    }
    if (text.startsWith('echo ')) {
      io.stdout.write(text.slice(5) + '\n');
      return 0;
    }
    io.stderr.write(`bash: ${text}: command not found\n`);
    return 127;
  };
  isComplete(text: string): boolean {
    return !text.endsWith('\\');
  }
  prompt(): string {
    return '$ ';
  }
  continuationPrompt(): string {
    return '> ';
  }
  location() {
    return { kind: 'host' } as const;
  }
  complete(line: string, cursor: number) {
    return { start: line.lastIndexOf(' ', cursor - 1) + 1, candidates: ['web-7d4b9c-abcde'] };
  }
}

function fakeFactory(): ClusterFactory {
  const make = (shell: FakeShell): HostedCluster => ({
    shell,
    snapshot: () => ({ history: [...shell.history], files: [...shell.files] }),
    forgetHistory: () => (shell.history = []),
  });
  return {
    create: () => make(new FakeShell()),
    restore: (snap) => {
      const s = snap as { history?: string[]; files?: string[] } | null;
      if (!s || !Array.isArray(s.history)) throw new Error('bad snapshot');
      const shell = new FakeShell();
      shell.history = [...s.history];
      shell.files = [...(s.files ?? [])];
      return make(shell);
    },
  };
}

function setup(step = 5) {
  const messages: FromWorker[] = [];
  let t = 0;
  const host = new TerminalHost({
    post: (m) => messages.push(m),
    factory: fakeFactory(),
    now: () => (t += step),
    macrotask: () => new Promise((r) => setTimeout(r, 0)),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  });
  return { host, messages };
}

const of = <T extends FromWorker['type']>(msgs: FromWorker[], type: T) =>
  msgs.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);

describe('TerminalHost', () => {
  it('answers init with ready: the prompt, the history, where the shell is and the boot time', async () => {
    const { host, messages } = setup();
    await host.handle({ type: 'init', scenario: 'kind-iptables', seed: 1 });
    expect(messages).toEqual([{ type: 'ready', prompt: '$ ', bootMs: 5, history: [], location: 'host' }]);
  });

  it('streams output and ends a run with done, the new prompt and a snapshot', async () => {
    const { host, messages } = setup();
    await host.handle({ type: 'init', scenario: 'x', seed: 1 });
    await host.handle({ type: 'run', id: 1, text: 'echo hi' });
    expect(messages.slice(1)).toEqual([
      { type: 'output', stream: 'stdout', data: 'hi\n' },
      {
        type: 'done',
        id: 1,
        status: 0,
        prompt: '$ ',
        continuation: false,
        location: 'host',
        snapshot: { history: ['echo hi'], files: [] },
      },
    ]);
  });

  it('batches small writes, keeping stdout and stderr in order', async () => {
    const { host, messages } = setup();
    await host.handle({ type: 'init', scenario: 'x', seed: 1 });
    await host.handle({ type: 'run', id: 1, text: 'abc' });
    expect(of(messages, 'output')).toEqual([
      { type: 'output', stream: 'stdout', data: 'ab' },
      { type: 'output', stream: 'stderr', data: '!' },
      { type: 'output', stream: 'stdout', data: 'c\n' },
    ]);
  });

  it('asks for more lines with the continuation prompt when the input is incomplete', async () => {
    const { host, messages } = setup();
    await host.handle({ type: 'init', scenario: 'x', seed: 1 });
    await host.handle({ type: 'run', id: 7, text: 'echo a \\' });
    expect(messages[1]).toEqual({
      type: 'done',
      id: 7,
      status: -1,
      prompt: '> ',
      continuation: true,
      location: 'host',
    });
  });

  it('stops a long loop on interrupt and reports status 130', async () => {
    const { host, messages } = setup();
    await host.handle({ type: 'init', scenario: 'x', seed: 1 });
    const running = host.handle({ type: 'run', id: 2, text: 'loop' });
    // Let a few yields pass, then press Ctrl-C.
    await new Promise((r) => setTimeout(r, 5));
    await host.handle({ type: 'interrupt' });
    await running;
    const out = of(messages, 'output')
      .map((m) => m.data)
      .join('');
    expect(out.endsWith('^C\n')).toBe(true);
    expect(out.split('\n').length).toBeLessThan(1000);
    expect(of(messages, 'done')[0]?.status).toBe(130);
  });

  it('turns a crash inside the emulator into an error line and a fresh prompt', async () => {
    const { host, messages } = setup();
    await host.handle({ type: 'init', scenario: 'x', seed: 1 });
    await host.handle({ type: 'run', id: 3, text: 'crash' });
    expect(of(messages, 'output')).toEqual([
      { type: 'output', stream: 'stderr', data: 'netlab: internal error: boom\n' },
    ]);
    expect(of(messages, 'done')[0]).toMatchObject({ id: 3, status: 1, prompt: '$ ' });
  });

  it('restores a saved snapshot instead of building the scenario', async () => {
    const { host, messages } = setup();
    await host.handle({
      type: 'init',
      scenario: 'x',
      seed: 1,
      setup: ['touch setup'],
      snapshot: { history: ['ls'], files: ['mine'] },
    });
    expect(messages[0]).toMatchObject({ type: 'ready', history: ['ls'] });
    await host.handle({ type: 'snapshot', id: 9 });
    expect(messages[1]).toEqual({ type: 'snapshot', id: 9, data: { history: ['ls'], files: ['mine'] } });
  });

  it('starts fresh with a notice when the saved snapshot cannot be restored', async () => {
    const { host, messages } = setup();
    await host.handle({ type: 'init', scenario: 'x', seed: 1, snapshot: { version: 0 } });
    expect(messages[0]).toEqual({
      type: 'ready',
      prompt: '$ ',
      bootMs: 5,
      history: [],
      location: 'host',
      notice: 'netlab: saved session could not be restored (bad snapshot); starting fresh',
    });
  });

  it('runs the lesson setup lines quietly on a fresh cluster, leaving them out of history', async () => {
    const { host, messages } = setup();
    await host.handle({ type: 'init', scenario: 'x', seed: 1, setup: ['touch a', 'echo quiet'] });
    expect(of(messages, 'output')).toEqual([]);
    expect(of(messages, 'ready')[0]?.history).toEqual([]);
    await host.handle({ type: 'snapshot', id: 1 });
    expect(of(messages, 'snapshot')[0]?.data).toEqual({ history: [], files: ['a'] });
  });

  it('rebuilds the scenario and its setup on reset, dropping the learner changes', async () => {
    const { host, messages } = setup();
    await host.handle({
      type: 'init',
      scenario: 'x',
      seed: 1,
      setup: ['touch a'],
      snapshot: { history: ['touch b'], files: ['b'] },
    });
    await host.handle({ type: 'reset' });
    await host.handle({ type: 'snapshot', id: 2 });
    expect(of(messages, 'snapshot')[0]?.data).toEqual({ history: [], files: ['a'] });
  });

  it('answers a completion request with the shell candidates', async () => {
    const { host, messages } = setup();
    await host.handle({ type: 'init', scenario: 'x', seed: 1 });
    await host.handle({ type: 'complete', id: 4, line: 'kubectl exec -it we', cursor: 19 });
    expect(messages[1]).toEqual({ type: 'completions', id: 4, start: 17, candidates: ['web-7d4b9c-abcde'] });
  });

  it('runs inputs at the size the last resize message gave, including one sent before init', async () => {
    const { host, messages } = setup();
    await host.handle({ type: 'resize', cols: 100, rows: 30 });
    await host.handle({ type: 'init', scenario: 'x', seed: 1 });
    await host.handle({ type: 'run', id: 1, text: 'winsize' });
    await host.handle({ type: 'resize', cols: 142, rows: 41 });
    await host.handle({ type: 'run', id: 2, text: 'winsize' });
    expect(of(messages, 'output').map((m) => m.data)).toEqual(['100x30\n', '142x41\n']);
  });

  it('runs inputs with no terminal size until a resize message arrives', async () => {
    const { host, messages } = setup();
    await host.handle({ type: 'init', scenario: 'x', seed: 1 });
    await host.handle({ type: 'run', id: 1, text: 'winsize' });
    expect(of(messages, 'output').map((m) => m.data)).toEqual(['unknown\n']);
  });

  describe('pacing virtual time', () => {
    /** A host whose wall clock only moves when it sleeps, over a shell with a virtual clock. */
    function paced(onSleep?: (real: number, host: TerminalHost) => void) {
      const messages: FromWorker[] = [];
      let real = 0;
      const shell = new FakeShell();
      const host: TerminalHost = new TerminalHost({
        post: (m) => messages.push(m),
        factory: {
          create: () => ({ shell, snapshot: () => null, virtualNow: () => shell.clock.now }),
          restore: () => {
            throw new Error('unused');
          },
        },
        now: () => real,
        macrotask: () => Promise.resolve(),
        sleep: async (ms) => {
          real += ms;
          onSleep?.(real, host);
        },
      });
      return { host, messages, real: () => real };
    }

    it('makes sleep 3 take three seconds of wall-clock time', async () => {
      const { host, real } = paced();
      await host.handle({ type: 'init', scenario: 'x', seed: 1 });
      await host.handle({ type: 'run', id: 1, text: 'sleep 3' });
      expect(real()).toBe(3000);
    });

    it('stops waiting as soon as Ctrl-C arrives', async () => {
      const { host, messages, real } = paced((now, h) => {
        if (now === 1500) void h.handle({ type: 'interrupt' });
      });
      await host.handle({ type: 'init', scenario: 'x', seed: 1 });
      await host.handle({ type: 'run', id: 1, text: 'sleep 60' });
      expect(real()).toBe(1500);
      expect(of(messages, 'done')[0]?.status).toBe(130);
    });
  });
});

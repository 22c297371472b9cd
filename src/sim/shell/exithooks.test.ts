import { describe, expect, it } from 'vitest';
import { Emulator } from '../emulator';
import type { ExitHookHandler } from './exithooks';
import { freshSession, runLines } from './testing';

const calls: string[] = [];
const testNote: ExitHookHandler = {
  kind: 'test-note',
  run: (_emu, params, io) => {
    calls.push(params.what!);
    io.stdout.write(`left ${params.what}\n`);
  },
};
const extend = { exitHooks: [testNote] };

describe('exit hooks on entered shells', () => {
  it('runs the hook of the level being left, after bash\'s "exit", with the terminal\'s writers', async () => {
    const { sh } = freshSession('kind-iptables', 1, extend);
    sh.enter({ kind: 'node', node: 'myk8s-worker' }, 'bash', {
      onExit: { kind: 'test-note', params: { what: 'worker' } },
    });
    expect(await runLines(sh, ['exit'])).toBe('exit\nleft worker\n');
  });

  it('runs nothing when a level without a hook is left', async () => {
    const { sh } = freshSession('kind-iptables', 1, extend);
    sh.enter({ kind: 'node', node: 'myk8s-worker' }, 'bash', {
      onExit: { kind: 'test-note', params: { what: 'outer' } },
    });
    sh.enter({ kind: 'node', node: 'myk8s-worker2' }, 'bash');
    expect(await runLines(sh, ['exit'])).toBe('exit\n');
    expect(await runLines(sh, ['exit'])).toBe('exit\nleft outer\n');
  });

  it('keeps the hook through a JSON snapshot of the emulator', async () => {
    const emu = Emulator.create({ scenario: 'kind-iptables', seed: 1, extend });
    emu.openShell().enter({ kind: 'node', node: 'myk8s-worker' }, 'bash', {
      onExit: { kind: 'test-note', params: { what: 'restored' } },
    });
    const copy = Emulator.restore(JSON.parse(JSON.stringify(emu.snapshot())), extend);
    expect(await runLines(copy.shells[0]!, ['exit'])).toBe('exit\nleft restored\n');
  });

  it("says so on stderr when no handler is registered for the hook's kind", async () => {
    const { sh } = freshSession('kind-iptables', 1, extend);
    sh.enter({ kind: 'node', node: 'myk8s-worker' }, 'bash', { onExit: { kind: 'nobody', params: {} } });
    expect(await runLines(sh, ['exit'])).toBe('exit\nnetlab: no handler for the exit hook nobody\n');
  });
});

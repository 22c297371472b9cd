import { describe, expect, it } from 'vitest';
import { freshSession, runLines } from './testing';
import { Emulator } from '../emulator';

const LINES = [
  'echo $RANDOM $RANDOM',
  'date; sleep 3; date +%s',
  'for i in {1..20}; do echo $((i * RANDOM % 7)); done | sort -n | uniq -c',
  'cat <<EOF > notes.txt\nseed $RANDOM\nEOF',
  'ls -l; cat notes.txt',
  'nope 2>&1 | wc -c',
];

describe('determinism', () => {
  it('prints the same bytes for the same seed and lines', async () => {
    const a = await runLines(freshSession('empty', 7).sh, LINES);
    const b = await runLines(freshSession('empty', 7).sh, LINES);
    expect(a).toBe(b);
  });

  it('prints different random values for another seed', async () => {
    const a = await runLines(freshSession('empty', 7).sh, LINES.slice(0, 1));
    const b = await runLines(freshSession('empty', 8).sh, LINES.slice(0, 1));
    expect(a).not.toBe(b);
  });

  it('continues identically after a snapshot and restore in the middle', async () => {
    const straight = freshSession('empty', 3);
    const whole = await runLines(straight.sh, LINES);
    const first = freshSession('empty', 3);
    const head = await runLines(first.sh, LINES.slice(0, 3));
    const restored = Emulator.restore(JSON.parse(JSON.stringify(first.emu.snapshot())));
    const tail = await runLines(restored.shells[0]!, LINES.slice(3));
    expect(head + tail).toBe(whole);
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(straight.emu.snapshot()));
  });
});

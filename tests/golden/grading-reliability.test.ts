/**
 * Grading that cannot be stopped or fooled (issue 20's reproductions): every submission is replayed
 * in its own worker with a step budget and a wall-clock limit, results come as they finish, files
 * are checked before they are read, and what learners wrote cannot rewrite the lead's terminal.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { readSubmissionFile } from '../../src/cli/grade';
import { learnerSeed } from '../../src/grading/identity';
import { grade } from './grade-harness';

const ROOT = 'tests/fixtures/grading/good';
const LAB = `${ROOT}/labs/week1.yaml`;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'netlab-reliability-'));
}

function v2(learner: string, exercises: object): string {
  return JSON.stringify({
    version: 2,
    lab: 'week1',
    labHash: 'sha256-0',
    learner,
    seed: learnerSeed('week1', learner, ''),
    submittedAt: '2026-12-05T21:14:03+09:00',
    exercises,
  });
}

describe('files are checked before they are read', () => {
  it('refuses a FIFO at once instead of waiting on it', () => {
    const fifo = join(tmp(), 'stuck.json');
    execFileSync('mkfifo', [fifo]);
    expect(readSubmissionFile(fifo)).toEqual({
      file: fifo,
      error: 'not a regular file (a FIFO); a submission is a .json file',
    });
  });

  it('refuses a .json symlink to /dev/zero without reading it', () => {
    const link = join(tmp(), 'zero.json');
    symlinkSync('/dev/zero', link);
    expect(readSubmissionFile(link)).toEqual({
      file: link,
      error: 'not a regular file (a device); a submission is a .json file',
    });
  });

  it('refuses an oversized file by its size', () => {
    const big = join(tmp(), 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 6 * 1024 * 1024);
    expect(readSubmissionFile(big)).toEqual({
      file: big,
      error: 'the file is 6291456 bytes; a submission is at most 5242880 bytes',
    });
  });

  it('accepts a UTF-8 file with a byte order mark', async () => {
    const file = join(tmp(), 'ada.json');
    writeFileSync(file, `\ufeff${v2('ada', { 'notes/write-note': { lines: ['echo hello > notes.txt'] } })}`);
    const { out } = await grade([LAB, file]);
    expect(out).toContain('ada       notes/write-note    PASS         1/1');
  });
});

describe('what learners wrote cannot rewrite the terminal or the spreadsheet', () => {
  it('shows escape sequences in a learner name and a file name as text', async () => {
    const dir = tmp();
    const file = join(dir, 'x\u001b[31m.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        lab: 'week1',
        learner: 'eve\u001b]0;owned\u0007\u001b[2J',
        seed: 1,
        exercises: { 'notes/write-note': { lines: ['echo hello > notes.txt'] } },
      }),
    );
    const bad = join(dir, 'y\u001b[2J.json');
    writeFileSync(bad, '{"version": 1, "lab": "week1", "learner": "=cmd|calc", "seed": 1, "score": 9}');
    const csv = join(dir, 'detail.csv');
    const { out, progress } = await grade([LAB, file, bad, '--detail', csv]);
    expect(out).toContain('eve\\x1b]0;owned\\x07\\x1b[2J');
    expect(out).toContain('y\\x1b[2J.json');
    expect(out + progress.join('')).not.toMatch(/\u001b|\u0007/);
  });
});

describe('grading always finishes', () => {
  it('stops a runaway loop after the step budget and still grades the next exercise', async () => {
    const file = join(tmp(), 'loop.json');
    writeFileSync(
      file,
      v2('ada', {
        'notes/write-note': { lines: ['while true; do :; done', 'echo hello > notes.txt'] },
        'notes/count-lines': { lines: [], answer: '3' },
      }),
    );
    const { out } = await grade([LAB, file], ROOT, { stepBudget: 20_000 });
    expect(out).toContain(
      'ada       notes/write-note    FAIL         0/1      replay stopped after 20000 emulator steps (commands and loop iterations); check "notes.txt says hello": line 1: expected "hello", got "cat: notes.txt: No such file or directory"',
    );
    expect(out).toContain('ada       notes/count-lines   PASS         2/2');
  });

  it('gives the same grade on a loaded machine: the budget counts emulator steps, not time', async () => {
    const file = join(tmp(), 'slow.json');
    // About 24,000 steps of real work, then the answer: within a budget of 30,000 however slow the machine.
    writeFileSync(
      file,
      v2('ada', {
        'notes/write-note': { lines: ['i=0; while [ $i -lt 8000 ]; do i=$((i+1)); done', 'echo hello > notes.txt'] },
      }),
    );
    const idle = await grade([LAB, file], ROOT, { stepBudget: 30_000 });
    const busy = Array.from({ length: 2 }, () => new Worker('for (;;) {}', { eval: true }));
    try {
      const loaded = await grade([LAB, file], ROOT, { stepBudget: 30_000 });
      expect(loaded.out).toBe(idle.out);
    } finally {
      await Promise.all(busy.map((w) => w.terminate()));
    }
    expect(idle.out).toContain('ada       notes/write-note    PASS         1/1');
    const tight = await grade([LAB, file], ROOT, { stepBudget: 20_000 });
    expect(tight.out).toContain('replay stopped after 20000 emulator steps');
  }, 60_000);

  /** A Services submission for bob: `expose` for expose-web, `fixSelector` for fix-selector, and a correct session-affinity. */
  function slowSubmission(expose: string | string[], fixSelector?: string | string[]): string {
    const file = join(tmp(), 'a-slow.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 2,
        lab: 'week3-services',
        labHash: 'x',
        learner: 'bob',
        seed: 1,
        submittedAt: '2026-12-12T10:00:00+09:00',
        exercises: {
          'services/expose-web': { lines: [expose].flat() },
          ...(fixSelector ? { 'services/fix-selector': { lines: [fixSelector].flat() } } : {}),
          'services/session-affinity': {
            lines: [
              `kubectl patch svc cart -p '{"spec":{"sessionAffinity":"ClientIP","sessionAffinityConfig":{"clientIP":{"timeoutSeconds":600}}}}'`,
            ],
          },
        },
      }),
    );
    return file;
  }

  it('kills a replay at the wall-clock limit, streams the others first, and goes on with the next exercise', async () => {
    // With no step budget to speak of, only the wall clock can stop these loops: the worker is killed
    // twice, so bob takes at least 10 s while alice, graded beside him, is listed as soon as she is done.
    // The shell stops one loop at 100,000 iterations; fifty of them run far longer than the limit.
    const loops = Array<string>(50).fill('while true; do :; done');
    const slow = slowSubmission(loops, loops);
    const { out, progress } = await grade(
      ['labs/week3-services.yaml', slow, 'labs/examples/alice.json', '--jobs', '2'],
      '.',
      { wallClockMs: 5000, stepBudget: 1e12 },
    );
    expect(progress[0]).toMatch(/^netlab grade: \[1\/2\] alice /);
    expect(out).toMatch(
      /bob +Bob Okafor +services\/expose-web +FAIL +0\/1 +replay stopped at the wall-clock limit of 5 s \(a command ran that long without reaching a checkpoint\)/,
    );
    expect(out).toMatch(/bob +Bob Okafor +services\/fix-selector +FAIL +0\/2 +replay stopped at the wall-clock limit/);
    expect(out).toMatch(/bob +Bob Okafor +services\/session-affinity +PASS +1\/1/);
    expect(out).toMatch(/alice +Alice Martin +TOTAL +7\/7 passed +12\/12/);
  }, 60_000);

  it('finishes a run holding the replica and nested $(( lines that used to block it for minutes', async () => {
    // Both lines are now refused at once by the emulator's bounds (not emulated beyond 1,000
    // replicas / 200 levels of nesting), so no limit has to stop them; the wall clock is generous
    // so that the honest submission beside them passes on a loaded machine too.
    const deep = `echo ${'$(('.repeat(1800)}1${'))'.repeat(1800)}`;
    const slow = slowSubmission('kubectl scale deployment web --replicas=100000', deep);
    const { out } = await grade(['labs/week3-services.yaml', slow, 'labs/examples/alice.json'], '.', {
      wallClockMs: 30_000,
    });
    expect(out).not.toMatch(/wall-clock limit/);
    expect(out).toMatch(/bob +Bob Okafor +services\/expose-web +FAIL +0\/1 /);
    expect(out).toMatch(/bob +Bob Okafor +services\/fix-selector +FAIL +0\/2 /);
    expect(out).toMatch(/bob +Bob Okafor +services\/session-affinity +PASS +1\/1/);
    expect(out).toMatch(/alice +Alice Martin +TOTAL +7\/7 passed +12\/12/);
  }, 60_000);
});

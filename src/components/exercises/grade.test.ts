import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExerciseFile } from '../../grading/files';
import { replayLines, startState } from '../../grading/replay';
import type { Exercise } from '../../grading/schema';
import { gradeSnapshot } from './grade';

const FILE = 'src/content/lessons/services.exercises.yaml';
const exercises = parseExerciseFile(FILE, readFileSync(FILE, 'utf8')).exercises.map((l) => l.exercise);
const TRAFFIC_IN = 'src/content/lessons/traffic-in.exercises.yaml';
const trafficIn = parseExerciseFile(TRAFFIC_IN, readFileSync(TRAFFIC_IN, 'utf8')).exercises.map((l) => l.exercise);

function exercise(id: string): Exercise {
  const found = exercises.find((e) => e.id === id);
  if (!found) throw new Error(`no exercise ${id} in ${FILE}`);
  return found;
}

/** What the terminal hands over: its emulator's snapshot after the learner's lines, through JSON. */
async function terminalSnapshot(ex: Exercise, seed: number, lines: string[]): Promise<unknown> {
  const { emu } = await startState(ex, seed);
  emu.openShell();
  await replayLines(emu, lines);
  return JSON.parse(JSON.stringify(emu.snapshot()));
}

function request(ex: Exercise, snapshot: unknown, answer?: string, lesson = 'services') {
  return {
    id: 1,
    exercise: { id: `${lesson}/${ex.id}`, checks: ex.checks, ...(ex.find ? { find: ex.find } : {}) },
    snapshot,
    ...(answer !== undefined ? { answer } : {}),
  };
}

describe('gradeSnapshot', () => {
  it('passes expose-web on a learner seed once the solution was typed', async () => {
    const ex = exercise('expose-web');
    const reply = await gradeSnapshot(
      request(ex, await terminalSnapshot(ex, 5, ['kubectl expose deployment web --port=80'])),
    );
    expect('result' in reply && reply.result.passed).toBe(true);
  });

  it('names the differing cell when the Service listens on the wrong port', async () => {
    const ex = exercise('expose-web');
    const reply = await gradeSnapshot(
      request(ex, await terminalSnapshot(ex, 5, ['kubectl expose deployment web --port=8080'])),
    );
    if (!('result' in reply)) throw new Error(reply.error);
    const first = reply.result.checks[0]!;
    expect(first.passed).toBe(false);
    expect(first.cell).toEqual({ row: 'web', column: 'PORT(S)', expected: '80/TCP', actual: '8080/TCP' });
    expect(first.reason).toBe('row web, column PORT(S): expected "80/TCP", got "8080/TCP"');
    expect(first.explain).toBe(
      'The Service must be called web, keep the default type (ClusterIP) and listen on port 80.',
    );
  });

  it('refuses a wrong find answer without revealing the value in the reason', async () => {
    const ex = exercise('find-clusterip');
    const reply = await gradeSnapshot(request(ex, await terminalSnapshot(ex, 5, []), '10.200.1.1'));
    if (!('result' in reply)) throw new Error(reply.error);
    const find = reply.result.checks[0]!;
    expect(find.kind).toBe('find');
    expect(find.passed).toBe(false);
    expect(find.reason).toBe('the answer "10.200.1.1" is not the value on this cluster');
  });

  it('answers a snapshot the emulator cannot read with an error reply', async () => {
    const reply = await gradeSnapshot(request(exercise('expose-web'), { scenario: 'no-such-scenario' }));
    expect(reply.id).toBe(1);
    expect('error' in reply && reply.error.startsWith("the terminal's cluster could not be read (")).toBe(true);
  });
});

// Learners get their own seed (src/lib/progress.ts), while `netlab check` tries only the
// exercise's: make sure every solution also passes, and every untouched start fails, elsewhere.
describe.each([
  ['services', exercises],
  ['traffic-in', trafficIn],
])('the %s exercises on other learner seeds', (lesson, list) => {
  for (const seed of [2, 777_777]) {
    for (const ex of list) {
      it(`${ex.id} passes its solution and fails untouched with seed ${seed}`, async () => {
        const untouched = await terminalSnapshot(ex, seed, []);
        const solved = await terminalSnapshot(ex, seed, ex.solution.lines);
        let answer: string | undefined;
        if (ex.find) {
          // The value on this learner's cluster, read as the learner would: the find command's output.
          const { runIn } = await import('../../grading/checks');
          const { Emulator } = await import('../../sim/emulator');
          const out = (await runIn(Emulator.restore(solved as never), ex.find.run, ex.find.where)).stdout.trim();
          answer = ex.find.regex ? new RegExp(ex.find.regex, 'm').exec(out)?.[ex.find.group]?.trim() : out;
          expect(answer).toMatch(/^\S+$/);
        }
        const pass = await gradeSnapshot(request(ex, solved, answer, lesson));
        const fail = await gradeSnapshot(request(ex, untouched, undefined, lesson));
        if (!('result' in pass) || !('result' in fail)) throw new Error('grading error');
        expect(pass.result.checks.filter((c) => !c.passed).map((c) => c.reason)).toEqual([]);
        expect(fail.result.passed).toBe(false);
      });
    }
  }
});

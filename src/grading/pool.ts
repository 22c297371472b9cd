/**
 * Grading many submissions so that the run always finishes: each submission is replayed in its own
 * worker (a Node worker thread for `netlab grade`, a Web Worker on the grading page), a few at a
 * time, and each exercise has a wall-clock limit. A worker that passes it (a command that never
 * reaches a checkpoint) or dies (out of memory) is killed; that exercise fails with the reason and a
 * fresh worker goes on from the next one. Results are handed back as each submission finishes.
 *
 * Host-side code with no Node or DOM dependency: the caller supplies how to start a worker.
 */
import { failedGrade, type GradeJobMessage, type GradeJobRequest } from './job';
import { submissionGrade, type ExerciseGrade, type SubmissionGrade } from './lab';

/** Default wall-clock limit per exercise: far above what the step budget allows, so only a stuck command meets it. */
export const WALL_CLOCK_MS = 60_000;

/** A started worker, whichever kind. */
export interface JobWorker {
  /** Send the request; messages and a crash come back through the callbacks. */
  start(req: GradeJobRequest, onMessage: (m: GradeJobMessage) => void, onCrash: (reason: string) => void): void;
  /** Kill it now, whatever it is doing. */
  terminate(): void;
}

export interface PoolOptions {
  /** How to start a worker. */
  spawn: () => JobWorker;
  /** Submissions graded at the same time (default 2). */
  concurrency?: number;
  /** Wall-clock limit for one exercise (default WALL_CLOCK_MS). */
  wallClockMs?: number;
  /** Called as each exercise of a job is graded. */
  onExercise?: (job: number, index: number, grade: ExerciseGrade) => void;
  /** Called as each job finishes, in the order they finish. */
  onDone?: (job: number, grade: SubmissionGrade) => void;
}

/** The sentence for an exercise whose worker had to be stopped. */
export function wallClockReason(ms: number): string {
  return `replay stopped at the wall-clock limit of ${Math.round(ms / 1000)} s (a command ran that long without reaching a checkpoint)`;
}

/** Grade one job in as many workers as it takes (one, unless a worker has to be killed). */
async function runJob(req: GradeJobRequest, job: number, opts: PoolOptions): Promise<SubmissionGrade> {
  const refs = req.lab.exercises;
  const grades: ExerciseGrade[] = [];
  const limit = opts.wallClockMs ?? WALL_CLOCK_MS;
  let from = req.from;
  while (from < refs.length) {
    const worker = opts.spawn();
    const stopped = await new Promise<string | undefined>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = (reason: string | undefined) => {
        clearTimeout(timer);
        resolve(reason);
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => settle(wallClockReason(limit)), limit);
      };
      arm();
      worker.start(
        { ...req, from },
        (m) => {
          if (m.type === 'exercise') {
            grades[m.index] = m.grade;
            from = m.index + 1;
            opts.onExercise?.(job, m.index, m.grade);
            arm();
          } else if (m.type === 'done') settle(undefined);
          else settle(`replay failed: ${m.message}`);
        },
        (reason) => settle(`replay failed: ${reason}`),
      );
    });
    worker.terminate();
    if (stopped === undefined) break;
    const ref = refs[from]!;
    grades[from] = failedGrade(ref.id, ref.points, stopped);
    opts.onExercise?.(job, from, grades[from]!);
    from++;
  }
  return submissionGrade(req.submission.learner, req.seed, grades.slice(req.from));
}

/** Grade every request, `concurrency` at a time; resolves with the grades in the order of `requests`. */
export async function gradeInWorkers(
  requests: readonly GradeJobRequest[],
  opts: PoolOptions,
): Promise<SubmissionGrade[]> {
  const results: SubmissionGrade[] = new Array(requests.length);
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const job = next++;
      results[job] = await runJob(requests[job]!, job, opts);
      opts.onDone?.(job, results[job]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 2, requests.length)) }, lane));
  return results;
}

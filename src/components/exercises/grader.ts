/**
 * The page side of grading: starts the grading worker on first use and matches its replies to
 * requests. One worker serves every exercise of the page.
 */
import type { ExerciseResult } from '../../grading/checks';
import type { GradeReply, GradeRequest } from './gradeProtocol';

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve(r: ExerciseResult): void; reject(e: Error): void }>();

function gradingWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (ev: MessageEvent<GradeReply>) => {
    const reply = ev.data;
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if ('result' in reply) w?.resolve(reply.result);
    else w?.reject(new Error(reply.error));
  };
  worker.onerror = (ev) => {
    ev.preventDefault();
    // A dead worker fails every pending request; the next Check starts a new one.
    for (const w of waiting.values()) w.reject(new Error(ev.message || 'the grading worker stopped'));
    waiting.clear();
    worker?.terminate();
    worker = undefined;
  };
  return worker;
}

/** Grade a terminal snapshot against an exercise. */
export function grade(req: Omit<GradeRequest, 'id'>): Promise<ExerciseResult> {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    gradingWorker().postMessage({ ...req, id } satisfies GradeRequest);
  });
}

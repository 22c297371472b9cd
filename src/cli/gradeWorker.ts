/**
 * The Node side of a grading worker (`netlab grade` starts one worker thread per submission): it
 * receives one job, runs it with the shared engine and posts each exercise's grade as it is ready.
 * The grading page's Web Worker does the same with the same engine (src/grading/job.ts).
 */
import { parentPort } from 'node:worker_threads';
import { runGradeJob, type GradeJobRequest } from '../grading/job';

parentPort!.once('message', (req: GradeJobRequest) => {
  void runGradeJob(req, (m) => parentPort!.postMessage(m)).then(() => parentPort!.close());
});

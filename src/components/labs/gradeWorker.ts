/// <reference lib="webworker" />
/**
 * One submission's replay on the lead's grading page: the page starts one of these per submission
 * and kills it if an exercise passes the wall-clock limit. The same engine as `netlab grade`'s
 * worker threads (src/grading/job.ts).
 */
import { runGradeJob, type GradeJobRequest } from '../../grading/job';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (ev: MessageEvent<GradeJobRequest>) => {
  void runGradeJob(ev.data, (m) => self.postMessage(m));
};

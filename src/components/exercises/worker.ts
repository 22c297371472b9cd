/// <reference lib="webworker" />
/**
 * The exercise's grading worker: one per page, started on the first Check. Grading runs here, on
 * a restored copy of the terminal's snapshot, so checks never disturb the learner's cluster and
 * neither the page nor the terminal stalls while they run.
 */
import { gradeSnapshot } from './grade';
import type { GradeRequest } from './gradeProtocol';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (ev: MessageEvent<GradeRequest>) => {
  try {
    self.postMessage(await gradeSnapshot(ev.data));
  } catch (err) {
    self.postMessage({ id: ev.data.id, error: `grading failed (${err instanceof Error ? err.message : String(err)})` });
  }
};

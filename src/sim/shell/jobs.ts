/**
 * Background jobs, for the commands that are meant to be left running (`kubectl proxy &`): bash's
 * job table of one terminal, with `[1] 5120` when a job starts in an interactive shell, `jobs`,
 * `kill %1` (or its pid) and `fg`. A job is plain data (what runs, where, with which parameters), so
 * it snapshots with the session; the emulator asks the job tables what listens where
 * (`listeningJob`). Commands that cannot run in the background still run in the foreground, with a
 * note, as before.
 */
import type { LocationRef } from './types';

export interface JobRecord {
  id: number;
  pid: number;
  /** The command line as typed, without the `&`. */
  command: string;
  /** What the job is (`kubectl-proxy`): the owner of `kind` reads `params`. */
  kind: string;
  params: Record<string, string>;
  location: LocationRef;
}

/** What a command gets when it was started with `&` and may become a job. */
export interface JobControl {
  /** Register the job; the shell announces it (`[1] 5120`) before the command's own output. */
  start(kind: string, params: Record<string, string>): JobRecord;
}

/** The pid the first job gets; the next ones follow (shells hand out growing pids). */
const FIRST_PID = 5120;

export class JobTable {
  private jobs: JobRecord[] = [];
  private nextPid = FIRST_PID;

  list(): readonly JobRecord[] {
    return this.jobs;
  }

  add(command: string, kind: string, params: Record<string, string>, location: LocationRef): JobRecord {
    const id = (this.jobs.at(-1)?.id ?? 0) + 1;
    const job: JobRecord = { id, pid: this.nextPid, command, kind, params, location: structuredClone(location) };
    this.nextPid += 7;
    this.jobs.push(job);
    return job;
  }

  /** The job `%N`, `%+`/`%%` (the current one), `%-`, or a pid. */
  find(spec: string): JobRecord | undefined {
    if (spec === '%%' || spec === '%+' || spec === '%') return this.jobs.at(-1);
    if (spec === '%-') return this.jobs.at(-2);
    if (spec.startsWith('%')) return this.jobs.find((j) => String(j.id) === spec.slice(1));
    return this.jobs.find((j) => String(j.pid) === spec);
  }

  remove(job: JobRecord): void {
    this.jobs = this.jobs.filter((j) => j !== job);
  }

  /** `+` marks the current job, `-` the previous one. */
  mark(job: JobRecord): string {
    if (job === this.jobs.at(-1)) return '+';
    if (job === this.jobs.at(-2)) return '-';
    return ' ';
  }

  /** bash's `jobs` line: `[1]+  Running                 kubectl proxy &`. */
  line(job: JobRecord, status: string, suffix = ''): string {
    return `[${job.id}]${this.mark(job)}  ${status.padEnd(24)}${job.command}${suffix}\n`;
  }

  snapshot(): { jobs: JobRecord[]; nextPid: number } | undefined {
    return this.jobs.length || this.nextPid !== FIRST_PID
      ? { jobs: structuredClone(this.jobs), nextPid: this.nextPid }
      : undefined;
  }

  restore(snap: { jobs: JobRecord[]; nextPid: number } | undefined): void {
    this.jobs = structuredClone(snap?.jobs ?? []);
    this.nextPid = snap?.nextPid ?? FIRST_PID;
  }
}

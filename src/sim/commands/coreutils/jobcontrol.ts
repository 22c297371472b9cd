/**
 * bash's job control builtins over the terminal's job table (shell/jobs.ts): `jobs`, `kill` (a
 * `%N` job spec or a pid; the terminal shows `Terminated` for it, as bash does before the next
 * prompt) and `fg`, which brings a job back to wait in the foreground until Ctrl-C. Only commands
 * that can be left running become jobs (`kubectl proxy &`), so every job waits forever by itself.
 */
import type { CommandContext, CommandSpec } from '../../shell/types';
import { Interrupted } from '../../shell/types';

const KILL_USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

/** The signals learners send, with the word bash's job notice uses for them. */
const SIGNALS: Record<string, string> = {
  TERM: 'Terminated',
  '15': 'Terminated',
  KILL: 'Killed',
  '9': 'Killed',
  INT: 'Interrupt',
  '2': 'Interrupt',
  HUP: 'Hangup',
  '1': 'Hangup',
};

function sh(ctx: CommandContext): string {
  return ctx.shell.shellName();
}

export const jobsCommand: CommandSpec = {
  name: 'jobs',
  summary: 'list the background jobs of this terminal',
  usage: 'jobs [-l]',
  builtin: true,
  run(ctx) {
    const table = ctx.shell.jobs?.();
    if (!table) return 0;
    const long = ctx.argv.includes('-l');
    for (const j of table.list()) {
      const line = table.line(j, 'Running', ' &');
      ctx.stdout.write(long ? line.replace(/^(\[\d+\][+\- ]) /, `$1 ${j.pid}`) : line);
    }
    return 0;
  },
};

export const killCommand: CommandSpec = {
  name: 'kill',
  summary: 'send a signal to a job (%N) or a process',
  usage: 'kill [-SIGNAL] %N|PID...',
  builtin: true,
  run(ctx) {
    const args = ctx.argv.slice(1);
    let signal = 'TERM';
    if (args[0] === '-s' || args[0] === '-n') {
      args.shift();
      signal = (args.shift() ?? '').replace(/^SIG/, '');
    } else if (args[0]?.startsWith('-') && args[0].length > 1) signal = args.shift()!.slice(1).replace(/^SIG/, '');
    if (args.length === 0) {
      ctx.stderr.write(`${sh(ctx)}: ${KILL_USAGE}`);
      return 2;
    }
    const word = SIGNALS[signal.toUpperCase()];
    if (!word) {
      ctx.stderr.write(`${sh(ctx)}: kill: ${signal}: invalid signal specification\n`);
      return 1;
    }
    const table = ctx.shell.jobs?.();
    let status = 0;
    for (const spec of args) {
      const job = table?.find(spec);
      if (!job || !table) {
        ctx.stderr.write(
          spec.startsWith('%')
            ? `${sh(ctx)}: kill: ${spec}: no such job\n`
            : /^\d+$/.test(spec)
              ? `${sh(ctx)}: kill: (${spec}) - No such process\n`
              : `${sh(ctx)}: kill: ${spec}: arguments must be process or job IDs\n`,
        );
        status = 1;
        continue;
      }
      // bash reports the job's end before the next prompt of an interactive terminal.
      const notice = table.line(job, word);
      table.remove(job);
      if (ctx.interactive) ctx.stdout.write(notice);
    }
    return status;
  },
};

export const fgCommand: CommandSpec = {
  name: 'fg',
  summary: 'bring a background job to the foreground (Ctrl-C stops it)',
  usage: 'fg [%N]',
  builtin: true,
  async run(ctx) {
    const table = ctx.shell.jobs?.();
    const spec = ctx.argv[1] ?? '%+';
    const job = table?.find(spec);
    if (!job || !table) {
      ctx.stderr.write(`${sh(ctx)}: fg: ${ctx.argv[1] ?? 'current'}: no such job\n`);
      return 1;
    }
    ctx.stdout.write(`${job.command}\n`);
    try {
      for (;;) {
        await ctx.checkpoint();
        ctx.emulator.advanceTime(1000);
      }
    } catch (e) {
      if (e instanceof Interrupted) table.remove(job);
      throw e;
    }
  },
};

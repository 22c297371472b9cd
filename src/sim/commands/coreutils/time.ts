/** Commands about time, all on the virtual clock: sleep, date, watch. */
import type { CommandContext, CommandSpec } from '../../shell/types';
import { hostnameAt } from '../../shell/location';
import { diffScreen, layoutRows, renderScreen, type WatchScreen } from './watchscreen';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The longest a single `sleep` may advance the clock in one step, so Ctrl-C stays responsive. */
const SLEEP_STEP_MS = 1000;

/** Parse `sleep` durations: `5`, `0.5`, `2s`, `3m`, `1h`, `1d`; sums several. null when invalid. */
export function parseDuration(args: string[]): number | null {
  let ms = 0;
  for (const a of args) {
    const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return null;
    ms +=
      Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  }
  return Math.round(ms);
}

export const sleepCommand: CommandSpec = {
  name: 'sleep',
  summary: 'wait N seconds of virtual time (N, Ns, Nm, Nh)',
  usage: 'sleep NUMBER[SUFFIX]...',
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (!args.length) {
      ctx.stderr.write("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    const ms = parseDuration(args);
    if (ms === null) {
      const bad = args.find((a) => parseDuration([a]) === null)!;
      ctx.stderr.write(`sleep: invalid time interval ‘${bad}’\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    for (let left = ms; left > 0; left -= SLEEP_STEP_MS) {
      await ctx.checkpoint();
      ctx.emulator.advanceTime(Math.min(left, SLEEP_STEP_MS));
    }
    return 0;
  },
};

const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c);

/** strftime over a UTC instant for the specifiers learners use. */
export function strftime(format: string, ms: number): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  const wd = d.getUTCDay();
  const doy = Math.floor((Date.UTC(Y, mo, day) - Date.UTC(Y, 0, 1)) / 86_400_000) + 1;
  return format.replace(/%([%a-zA-Z:]|:z)/g, (all, c: string) => {
    switch (c) {
      case '%':
        return '%';
      case 'Y':
        return String(Y);
      case 'y':
        return pad(Y % 100);
      case 'm':
        return pad(mo + 1);
      case 'd':
        return pad(day);
      case 'e':
        return pad(day, 2, ' ');
      case 'H':
        return pad(H);
      case 'I':
        return pad(((H + 11) % 12) + 1);
      case 'M':
        return pad(M);
      case 'S':
        return pad(S);
      case 'p':
        return H < 12 ? 'AM' : 'PM';
      case 'a':
        return DAYS[wd]!;
      case 'A':
        return DAYS_LONG[wd]!;
      case 'b':
      case 'h':
        return MONTHS[mo]!;
      case 'B':
        return MONTHS_LONG[mo]!;
      case 'j':
        return pad(doy, 3);
      case 'u':
        return String(wd === 0 ? 7 : wd);
      case 'w':
        return String(wd);
      case 's':
        return String(Math.floor(ms / 1000));
      case 'N':
        return pad((ms % 1000) * 1_000_000, 9);
      case 'Z':
        return 'UTC';
      case 'z':
        return '+0000';
      case ':z':
        return '+00:00';
      case 'F':
        return `${Y}-${pad(mo + 1)}-${pad(day)}`;
      case 'T':
        return `${pad(H)}:${pad(M)}:${pad(S)}`;
      case 'R':
        return `${pad(H)}:${pad(M)}`;
      case 'D':
        return `${pad(mo + 1)}/${pad(day)}/${pad(Y % 100)}`;
      case 'c':
        return `${DAYS[wd]} ${MONTHS[mo]} ${pad(day, 2, ' ')} ${pad(H)}:${pad(M)}:${pad(S)} ${Y}`;
      case 'n':
        return '\n';
      case 't':
        return '\t';
      default:
        return all;
    }
  });
}

/** `date`'s default format in the C locale: `Fri Oct  2 16:00:02 UTC 2026`. */
export const DATE_DEFAULT_FORMAT = '%a %b %e %H:%M:%S %Z %Y';

export const dateCommand: CommandSpec = {
  name: 'date',
  summary: 'print the (virtual) date and time; date +FORMAT, -u, -I, -R',
  usage: 'date [-u] [+FORMAT]',
  run(ctx) {
    let format = DATE_DEFAULT_FORMAT;
    for (const a of ctx.argv.slice(1)) {
      if (a.startsWith('+')) format = a.slice(1);
      else if (a === '-u' || a === '--utc' || a === '-R' || a === '-I' || a === '--iso-8601') {
        if (a === '-R') format = '%a, %d %b %Y %H:%M:%S %z';
        if (a === '-I' || a === '--iso-8601') format = '%F';
      } else {
        ctx.stderr.write(`netlab: date ${a} is not emulated\n`);
        return 1;
      }
    }
    ctx.stdout.write(strftime(format, ctx.emulator.clock.now()) + '\n');
    return 0;
  },
};

/** Refreshes of `watch` when no person is at the terminal (netlab run, grading): print once. */
const NON_INTERACTIVE_REFRESHES = 1;
/** A cap for interactive watches too, so a forgotten tab does not run for ever. */
const MAX_REFRESHES = 10_000;
/** procps-ng watch's WIDTH_FALLBACK, used when COLUMNS is not in the environment. */
const WIDTH_FALLBACK = 80;

/**
 * The terminal width watch lays out for, in procps-ng's get_terminal_size order: COLUMNS from the
 * environment wins (`COLUMNS=60 watch ...`), then the terminal's own size (its TIOCGWINSZ), else 80.
 */
export function watchWidth(env: Readonly<Record<string, string>>, ttyColumns?: number): number {
  const cols = env.COLUMNS;
  if (cols && /^[0-9]+$/.test(cols) && Number(cols) > 0) return Number(cols);
  return ttyColumns && ttyColumns > 0 ? ttyColumns : WIDTH_FALLBACK;
}

/**
 * watch's title line: `Every 2.0s: CMD` on the left, `HOST: DATE` right-aligned to `width`; a
 * command too long for the space left is cut and ends in `...`, and nothing is printed when even
 * the right part does not fit (procps-ng's output_header rules).
 */
export function watchHeader(interval: number, command: string, right: string, width: number): string {
  if (width < right.length) return '';
  const left = `Every ${interval.toFixed(1)}s: `;
  const avail = width - left.length - right.length;
  if (avail < 0) return ' '.repeat(width - right.length) + right;
  const shown = avail > command.length ? command : avail > 3 ? command.slice(0, avail - 4) + '...' : '';
  return left + shown + ' '.repeat(width - left.length - shown.length - right.length) + right;
}

/** How `-d` was asked for: off, changes since the last refresh, or everything that ever changed. */
type Differences = 'off' | 'last' | 'permanent';

export const watchCommand: CommandSpec = {
  name: 'watch',
  summary: 'run a command every N seconds (virtual time) until Ctrl-C: watch [-n N] [-d] CMD',
  usage: 'watch [-n SECONDS] [-d[=permanent]] [-t] COMMAND',
  flags: [
    { names: ['-n', '--interval'], value: true, description: 'seconds between updates (default 2)' },
    {
      names: ['-d', '--differences'],
      description: 'highlight changes between updates (--differences=permanent: since the first)',
    },
    { names: ['-t', '--no-title'], description: 'no header line' },
  ],
  async run(ctx: CommandContext) {
    const args = ctx.argv.slice(1);
    let interval = 2;
    let title = true;
    let differences: Differences = 'off';
    while (args[0]?.startsWith('-')) {
      const a = args.shift()!;
      if (a === '-n' || a === '--interval') interval = Number(args.shift());
      else if (a.startsWith('-n')) interval = Number(a.slice(2));
      else if (a.startsWith('--interval=')) interval = Number(a.slice(11));
      else if (a === '-t' || a === '--no-title') title = false;
      // getopt's optional argument: any value (`=permanent`, `-dpermanent`) turns on the cumulative mode.
      else if (a === '-d' || a === '--differences') differences = 'last';
      else if (a.startsWith('--differences=') || a.startsWith('-d')) differences = 'permanent';
      else if (a === '--') break;
      else {
        ctx.stderr.write(`watch: invalid option -- '${a.replace(/^-+/, '')}'\n`);
        return 1;
      }
    }
    if (!args.length || !Number.isFinite(interval)) {
      ctx.stderr.write('\nUsage:\n watch [options] command\n');
      return 1;
    }
    interval = Math.max(0.1, interval);
    const command = args.join(' ');
    const width = watchWidth(ctx.env, ctx.columns);
    const refreshes = ctx.interactive ? MAX_REFRESHES : NON_INTERACTIVE_REFRESHES;
    let screen: WatchScreen | null = null;
    for (let n = 0; n < refreshes; n++) {
      await ctx.checkpoint();
      if (ctx.interactive) ctx.shell.clearScreen();
      if (title) {
        const right = `${hostnameAt(ctx.emulator, ctx.location)}: ${strftime('%a %b %e %H:%M:%S %Y', ctx.emulator.clock.now())}`;
        ctx.stdout.write(`${watchHeader(interval, command, right, width)}\n\n`);
      }
      if (differences === 'off') {
        await ctx.shell.runScript(command, { stdout: ctx.stdout, stderr: ctx.stdout });
      } else {
        // The output is compared cell by cell with the previous refresh, so it is drawn once complete.
        let output = '';
        const sink = { write: (s: string) => void (output += s) };
        await ctx.shell.runScript(command, { stdout: sink, stderr: sink });
        screen = diffScreen(screen, layoutRows(output, width), differences === 'permanent');
        ctx.stdout.write(renderScreen(screen));
      }
      if (n + 1 < refreshes) {
        for (let left = interval * 1000; left > 0; left -= 1000) {
          await ctx.checkpoint();
          ctx.emulator.advanceTime(Math.min(left, 1000));
        }
      }
    }
    return 0;
  },
};

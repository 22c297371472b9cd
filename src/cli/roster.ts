/**
 * `netlab roster LAB.yaml [--roster FILE] [--base PATH] [--site URL]`: one link per learner on the
 * lab's roster, `/labs/<id>/?learner=<learner>`, under the site's base path (`--base`, else the
 * BASE environment variable the build uses, else /) and, with `--site`, as absolute URLs. The lead
 * sends each learner their link; the lab sheet builds that learner's clusters from it.
 */
import { readFileSync } from 'node:fs';
import { formatProblem, rosterOf } from '../grading/files';
import { parseRosterText } from '../grading/roster';
import { alignedTable } from '../grading/text';
import { learnerLink } from '../grading/links';
import { loadExercises, loadLab, lessonIds } from './check';

export const ROSTER_USAGE = 'usage: netlab roster LAB.yaml [--roster FILE] [--base PATH] [--site URL]\n';

/** The `roster` subcommand. */
export function rosterCommand(
  argv: string[],
  root: string,
  out: (s: string) => void,
  err: (s: string) => void,
  env: Record<string, string | undefined> = {},
): number {
  const opts: Record<string, string> = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(roster|base|site)(?:=(.*))?$/.exec(argv[i]!);
    if (m) {
      const v = m[2] ?? argv[++i];
      if (v === undefined) return usage(err, `--${m[1]} needs a value`);
      opts[m[1]!] = v;
    } else if (argv[i]!.startsWith('-')) return usage(err, `unknown option "${argv[i]}"`);
    else files.push(argv[i]!);
  }
  if (files.length !== 1) return usage(err, files.length ? 'one lab at a time' : 'the lab file is missing');
  const { exercises } = loadExercises(root);
  const { lab, problems } = loadLab(files[0]!, files[0]!, exercises, lessonIds(root));
  if (!lab) {
    for (const p of problems) err(`${formatProblem(p)}\n`);
    err(`netlab roster: the lab ${files[0]} is broken\n`);
    return 1;
  }
  let roster = rosterOf(lab);
  if (opts.roster !== undefined) {
    try {
      const read = parseRosterText(readFileSync(opts.roster, 'utf8'));
      for (const p of read.problems) err(`${opts.roster}: ${p}\n`);
      roster = read.learners;
    } catch (e) {
      err(`netlab roster: cannot read ${opts.roster}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      return 1;
    }
  }
  if (roster.length === 0) {
    err(`netlab roster: lab ${lab.id} has no roster (add "roster:" to the lab, or pass --roster FILE)\n`);
    return 1;
  }
  const base = opts.base ?? env.BASE ?? '/';
  const names = roster.some((e) => e.name);
  out(
    alignedTable([
      names ? ['LEARNER', 'NAME', 'LINK'] : ['LEARNER', 'LINK'],
      ...roster.map((e) => {
        const link = learnerLink(lab.id, e.id, base, opts.site ?? env.SITE);
        return names ? [e.id, e.name ?? '', link] : [e.id, link];
      }),
    ]),
  );
  return 0;
}

function usage(err: (s: string) => void, message: string): number {
  err(`netlab roster: ${message}\n${ROSTER_USAGE}`);
  return 2;
}

/**
 * A roster: the learners of a group, by id with an optional name. A lead writes it into the lab
 * (`roster: [alice, {id: minsu, name: 김민수}]`), in a roster file next to the labs, or pastes it on
 * the grading page: one learner per line, `id` or `id, name` (a comma or a tab, so a column pair
 * copied from a spreadsheet works); blank lines and lines starting with # are skipped.
 */
import { LEARNER_ID } from './ids';
import type { RosterEntry } from './schema';

/** A roster read from text: the learners, and one message per line that could not be used. */
export interface RosterRead {
  learners: RosterEntry[];
  problems: string[];
}

/** Read roster text (a roster file, or what a lead pasted). */
export function parseRosterText(text: string): RosterRead {
  const learners: RosterEntry[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const cut = line.search(/[,\t]/);
      const id = (cut < 0 ? line : line.slice(0, cut)).trim();
      const name =
        cut < 0
          ? ''
          : line
              .slice(cut + 1)
              .trim()
              .replace(/^"(.*)"$/, '$1');
      if (i === 0 && /^(id|learner)$/i.test(id)) return; // a header row
      if (!LEARNER_ID.test(id)) {
        problems.push(
          `line ${i + 1}: "${id.slice(0, 40)}" is not a learner id (letters, digits, ".", "-" and "_", at most 64)`,
        );
        return;
      }
      if (seen.has(id.toLowerCase())) {
        problems.push(`line ${i + 1}: learner "${id}" is listed twice`);
        return;
      }
      seen.add(id.toLowerCase());
      learners.push(name ? { id, name: name.slice(0, 100) } : { id });
    });
  return { learners, problems };
}

/** The roster entry for a learner id (ids match without regard to case). */
export function findLearner(roster: readonly RosterEntry[], id: string): RosterEntry | undefined {
  const key = id.toLowerCase();
  return roster.find((e) => e.id.toLowerCase() === key);
}

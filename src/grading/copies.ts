/**
 * Copy detection: evidence for the lead, never a verdict. Two learners' transcripts (their command
 * lines, exercise by exercise) are compared after leaving out what everybody is expected to type:
 * lines equal to the exercise's reference solution, and, in a group of four or more, lines that
 * more than half of the submissions share. What is left is matched in order (longest common
 * subsequence); a pair is reported when most of it matches, with the matching lines side by side.
 */

/** What copy detection needs of one submission. */
export interface Transcript {
  /** Who, as the reports name them (learner id, or the file when it has none). */
  label: string;
  /** Per exercise id, the lines typed, in order. */
  exercises: Readonly<Record<string, readonly string[]>>;
}

/** One row of the side-by-side evidence: a line of each transcript, the same line, or a line only one has. */
export interface EvidenceRow {
  exercise: string;
  a?: string;
  b?: string;
  same: boolean;
}

/** Two transcripts that are identical or nearly so, with the evidence. */
export interface CopyPair {
  a: string;
  b: string;
  /** Matching lines divided by the lines of the longer transcript, 0..1. */
  similarity: number;
  identical: boolean;
  /** Lines compared on each side (after leaving out solution and common lines). */
  linesA: number;
  linesB: number;
  /** How many lines match. */
  matched: number;
  /** Both transcripts side by side, aligned on the matching lines. */
  rows: EvidenceRow[];
}

/** A pair is reported from this similarity on, with at least MIN_MATCHED matching lines. */
export const NEAR_IDENTICAL = 0.8;
export const MIN_MATCHED = 2;
/** Lines compared per transcript at most (the longest common subsequence is quadratic). */
const MAX_LINES = 600;

/** A line as compared: trimmed, runs of blanks as one space. */
export function normaliseLine(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

interface Item {
  key: string;
  exercise: string;
  line: string;
}

function distinctive(
  t: Transcript,
  solutions: ReadonlyMap<string, ReadonlySet<string>>,
  common: ReadonlySet<string>,
): Item[] {
  const items: Item[] = [];
  for (const [exercise, lines] of Object.entries(t.exercises)) {
    const solution = solutions.get(exercise);
    for (const raw of lines) {
      for (const part of raw.split('\n')) {
        const line = normaliseLine(part);
        const key = `${exercise}\u0000${line}`;
        if (line === '' || solution?.has(line) || common.has(key)) continue;
        items.push({ key, exercise, line });
      }
    }
  }
  return items.slice(0, MAX_LINES);
}

/** Indices of a longest common subsequence of two key lists. */
function lcs(a: readonly Item[], b: readonly Item[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[i]![j] =
        a[i]!.key === b[j]!.key ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i]!.key === b[j]!.key) {
      pairs.push([i++, j++]);
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** Both item lists aligned on the matches: unmatched lines of either side sit between them. */
function sideBySide(a: readonly Item[], b: readonly Item[], matches: readonly [number, number][]): EvidenceRow[] {
  const rows: EvidenceRow[] = [];
  let i = 0;
  let j = 0;
  for (const [mi, mj] of [...matches, [a.length, b.length] as [number, number]]) {
    while (i < mi || j < mj) {
      const left = i < mi ? a[i] : undefined;
      const right = j < mj ? b[j] : undefined;
      rows.push({
        exercise: (left ?? right)!.exercise,
        ...(left ? { a: left.line } : {}),
        ...(right ? { b: right.line } : {}),
        same: false,
      });
      if (left) i++;
      if (right) j++;
    }
    if (mi < a.length) {
      rows.push({ exercise: a[mi]!.exercise, a: a[mi]!.line, b: b[mj]!.line, same: true });
      i = mi + 1;
      j = mj + 1;
    }
  }
  return rows;
}

/**
 * Pairs of transcripts that are identical or nearly so. `solutions` holds, per exercise id, its
 * reference solution's lines (normalised with normaliseLine).
 */
export function findCopies(
  transcripts: readonly Transcript[],
  solutions: ReadonlyMap<string, ReadonlySet<string>>,
): CopyPair[] {
  const common = new Set<string>();
  if (transcripts.length >= 4) {
    const counts = new Map<string, number>();
    for (const t of transcripts) {
      for (const key of new Set(distinctive(t, solutions, new Set()).map((i) => i.key)))
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, n] of counts) if (n > transcripts.length / 2) common.add(key);
  }
  const items = transcripts.map((t) => distinctive(t, solutions, common));
  const pairs: CopyPair[] = [];
  for (let x = 0; x < transcripts.length; x++) {
    for (let y = x + 1; y < transcripts.length; y++) {
      const a = items[x]!;
      const b = items[y]!;
      if (a.length === 0 || b.length === 0) continue;
      const matches = lcs(a, b);
      const similarity = matches.length / Math.max(a.length, b.length);
      if (matches.length < MIN_MATCHED || similarity < NEAR_IDENTICAL) continue;
      pairs.push({
        a: transcripts[x]!.label,
        b: transcripts[y]!.label,
        similarity,
        identical: matches.length === a.length && a.length === b.length,
        linesA: a.length,
        linesB: b.length,
        matched: matches.length,
        rows: sideBySide(a, b, matches),
      });
    }
  }
  return pairs.sort((p, q) => q.similarity - p.similarity || p.a.localeCompare(q.a) || p.b.localeCompare(q.b));
}

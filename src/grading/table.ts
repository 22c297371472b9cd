/**
 * Reading a table the way a person reads kubectl's output: by column header. kubectl aligns columns
 * with tabwriter (at least three spaces between columns, single spaces inside headers such as
 * `NOMINATED NODE`), so each column starts where its header starts and a cell is the text between
 * two header starts.
 */

/** A parsed table: headers in order and one record per row keyed by header. */
export interface ParsedTable {
  headers: string[];
  rows: Record<string, string>[];
}

/** Parse the first table in `output` (header line, then rows up to a blank line); undefined when there is none. */
export function parseTable(output: string): ParsedTable | undefined {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => l.trim() !== '');
  if (start < 0) return undefined;
  const header = lines[start]!;
  const columns: { name: string; at: number }[] = [];
  // A header name is words separated by single spaces; two or more spaces end it.
  for (const m of header.matchAll(/\S+(?: \S+)*/g)) columns.push({ name: m[0], at: m.index });
  const rows: Record<string, string>[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const row: Record<string, string> = {};
    columns.forEach((c, k) => {
      const next = columns[k + 1];
      row[c.name] = (next ? line.slice(c.at, next.at) : line.slice(c.at)).trim();
    });
    rows.push(row);
  }
  return { headers: columns.map((c) => c.name), rows };
}

/**
 * Schema problems as lines an author can act on: the field path written the way it appears in the
 * YAML (`checks[1].table.rows`), and zod's messages rephrased where they are cryptic.
 */
import type { z } from 'zod';

/** One problem in a file: where (a field path, empty for the whole document) and what. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A field path as written in YAML/JSON: `checks[1].exact`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** The message for one issue, in words an author understands. */
function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union':
      return 'expected text (or a number read as text)';
    case 'invalid_type': {
      // zod 4 keeps the input out of issues; its message still names what it received.
      const received = /received (\w+)/.exec(issue.message)?.[1];
      if (received === undefined || received === 'undefined') return `missing (expected ${issue.expected})`;
      return `expected ${issue.expected}, got ${received === 'object' ? 'a mapping' : received === 'array' ? 'a list' : received}`;
    }
    default:
      return issue.message;
  }
}

/** Every issue of a failed parse, as field + message, in document order. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: fieldPath(issue.path), message: issueMessage(issue) }));
}

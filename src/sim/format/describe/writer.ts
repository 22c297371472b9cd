/**
 * The machinery every `kubectl describe` layout shares (describe.go): a PrefixWriter that indents
 * by 2 spaces per level, Go's tabwriter with minwidth 0 and padding 2 over the whole text, the
 * multi-line Labels/Annotations fields, RFC 1123 timestamps and the Events table.
 */
import type { KubeObject } from '../../cluster/types';
import { humanDuration, parseTimestamp } from '../duration';
import { DESCRIBE_TABLE, tabwriterGo } from '../table';

/** The subject of a request as Go's pkix.Name holds it (the caller parses the PEM: format knows no X.509). */
export interface CsrSubject {
  commonName: string;
  serialNumber: string;
  organization: string[];
  organizationalUnit: string[];
  country: string[];
  locality: string[];
  province: string[];
  streetAddress: string[];
  postalCode: string[];
}

/** What a describer needs from the cluster: the clock and a way to list related objects. */
export interface DescribeContext {
  now: number;
  /** Objects of a resource (plural), in one namespace, or in all namespaces when none is given. */
  list(resourcePlural: string, namespace?: string): KubeObject[];
  /** The subject of a CertificateSigningRequest's PEM request, parsed (undefined when it does not parse). */
  csrSubject?(csr: KubeObject): CsrSubject | undefined;
}

/** describe.go's PrefixWriter over a buffer; `toString()` runs the tabwriter (tabbedString). */
export class DescribeWriter {
  private readonly parts: string[] = [];

  /** Writes text after `level` × 2 spaces of indentation. */
  write(level: number, text: string): void {
    this.parts.push('  '.repeat(level) + text);
  }

  /** WriteLine: the text and a newline, no indentation. */
  line(text: string): void {
    this.parts.push(`${text}\n`);
  }

  toString(): string {
    return tabwriterGo(this.parts.join(''), DESCRIBE_TABLE);
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Go's time.RFC1123Z in UTC: `Fri, 02 Oct 2026 16:00:00 +0000`. A missing time prints Go's zero time. */
export function rfc1123z(timestamp: string | undefined | null): string {
  const ms = parseTimestamp(timestamp);
  if (ms === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

/** translateTimestampSince: HumanDuration since the timestamp, `<unknown>` without one. */
export function since(timestamp: string | undefined | null, now: number): string {
  const t = parseTimestamp(timestamp);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

/** printLabelsMultilineWithIndent: `Title:\tk=v` then `\tk2=v2` lines, sorted, or `<none>`. */
export function writeLabels(
  w: DescribeWriter,
  title: string,
  labels: Record<string, string> | undefined | null,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, `${initialIndent}${innerIndent}`);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const shorten = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max)}...` : s);

/**
 * printAnnotationsMultiline: sorted `key: value` lines, the last-applied-configuration annotation
 * skipped, long or multi-line values printed on their own indented lines.
 */
export function writeAnnotations(
  w: DescribeWriter,
  title: string,
  annotations: Record<string, string> | undefined | null,
): void {
  w.write(0, `${title}:\t`);
  const all = annotations ?? {};
  const keys = Object.keys(all)
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort();
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = all[key]!.replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

/** The controller owner reference as `Kind/name` (printController), or ''. */
export function controlledBy(obj: KubeObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/**
 * Go's parsers as kubectl's flags use them (pflag calls strconv and time): the same accepted forms
 * and the same error texts, so `--replicas=3x`, `--node-port=3008O` or `--timeout=5` fail the way
 * they fail on a real client instead of slipping a NaN into the API.
 *
 * Sources: go/src/strconv/atoi.go (ParseInt with base 0, underscoreOK), strconv/atob.go,
 * strconv/quote.go, time/format.go (ParseDuration).
 */

/** Go's `%q` / strconv.Quote for the strings flags carry: printable ASCII kept, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c === 0x07) out += '\\a';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0b) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c <= 0x9f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A Go parse error: `Error()` is what pflag puts after `flag: `. */
export class GoParseError extends Error {}

function numError(fn: string, s: string, what: 'invalid syntax' | 'value out of range'): GoParseError {
  return new GoParseError(`strconv.${fn}: parsing ${goQuote(s)}: ${what}`);
}

/** underscoreOK: underscores only between digits (or after a base prefix), as Go's literals allow. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /[bBoOxX]/.test(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (/[0-9]/.test(c) || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseInt(s, 0, bitSize): the value, or the error Go returns. */
export function goParseInt(s: string, bitSize: 32 | 64): bigint {
  const fn = 'ParseInt';
  if (s === '') throw numError(fn, s, 'invalid syntax');
  let body = s;
  let neg = false;
  if (body[0] === '+' || body[0] === '-') {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  // ParseUint(body, 0, bitSize)
  if (body === '') throw numError(fn, s, 'invalid syntax');
  let base = 10n;
  let digits = body;
  if (body[0] === '0') {
    const p = body[1]?.toLowerCase();
    const prefixed = body.length >= 3 ? { b: 2n, o: 8n, x: 16n }[p ?? ''] : undefined;
    if (prefixed) [base, digits] = [prefixed, body.slice(2)];
    else [base, digits] = [8n, body.slice(1)];
  }
  const max = 1n << BigInt(bitSize); // ParseUint's maxVal + 1 for the unsigned range
  let n = 0n;
  let underscores = false;
  for (const c of digits) {
    let d: bigint;
    if (c === '_') {
      underscores = true;
      continue;
    } else if (c >= '0' && c <= '9') d = BigInt(c.charCodeAt(0) - 48);
    else if (/[a-z]/i.test(c)) d = BigInt(c.toLowerCase().charCodeAt(0) - 87);
    else throw numError(fn, s, 'invalid syntax');
    if (d >= base) throw numError(fn, s, 'invalid syntax');
    n = n * base + d;
    if (n >= max) throw numError(fn, s, 'value out of range');
  }
  if (underscores && !underscoreOK(body)) throw numError(fn, s, 'invalid syntax');
  const cutoff = 1n << BigInt(bitSize - 1);
  if (!neg && n >= cutoff) throw numError(fn, s, 'value out of range');
  if (neg && n > cutoff) throw numError(fn, s, 'value out of range');
  return neg ? -n : n;
}

/** strconv.ParseBool. */
export function goParseBool(s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw new GoParseError(`strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax`);
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n, // U+00B5
  μs: 1000n, // U+03BC
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX_DURATION = 1n << 63n;

/** time.ParseDuration: nanoseconds, or the error Go returns. */
export function goParseDuration(orig: string): bigint {
  const invalid = () => new GoParseError(`time: invalid duration ${goQuote(orig)}`);
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9'))) throw invalid();
    // leadingInt
    let i = 0;
    let v = 0n;
    while (i < s.length && s[i]! >= '0' && s[i]! <= '9') {
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > MAX_DURATION) throw invalid();
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      // leadingFraction: digits past what fits are dropped
      let j = 0;
      let overflow = false;
      while (j < s.length && s[j]! >= '0' && s[j]! <= '9') {
        if (!overflow) {
          const next = f * 10n + BigInt(s.charCodeAt(j) - 48);
          if (next > MAX_DURATION) overflow = true;
          else {
            f = next;
            scale *= 10;
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid();
    let k = 0;
    while (k < s.length && !(s[k] === '.' || (s[k]! >= '0' && s[k]! <= '9'))) k++;
    if (k === 0) throw new GoParseError(`time: missing unit in duration ${goQuote(orig)}`);
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = UNITS[u];
    if (unit === undefined) throw new GoParseError(`time: unknown unit ${goQuote(u)} in duration ${goQuote(orig)}`);
    if (v > MAX_DURATION / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > MAX_DURATION) throw invalid();
    }
    d += v;
    if (d > MAX_DURATION) throw invalid();
  }
  if (neg) return -d;
  if (d > MAX_DURATION - 1n) throw invalid();
  return d;
}

/**
 * Just enough of apimachinery's resource.Quantity for node describes: parse `100m`, `2`, `70Mi`,
 * `16331532Ki`, add, and print in canonical form. Values are held in milli-units; node-sized
 * numbers stay well inside a double's exact integer range.
 */

export interface Quantity {
  milli: number;
  format: 'DecimalSI' | 'BinarySI';
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** Parses a quantity string; unreadable text counts as zero. */
export function parseQuantity(s: string | number | undefined | null): Quantity {
  if (s === undefined || s === null) return { milli: 0, format: 'DecimalSI' };
  const m = /^([+-]?\d*\.?\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]?)$/.exec(String(s).trim());
  if (!m) return { milli: 0, format: 'DecimalSI' };
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return { milli: Math.round(n * BINARY[suffix]! * 1000), format: 'BinarySI' };
  return { milli: Math.round(n * DECIMAL[suffix]! * 1000), format: 'DecimalSI' };
}

/** Quantity.Add: the sum keeps the first operand's format. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { milli: a.milli + b.milli, format: a.format };
}

/** Quantity.String() in canonical form: `0`, `950m`, `2`, `290Mi`, `1500k`. */
export function formatQuantity(q: Quantity): string {
  if (q.milli === 0) return '0';
  if (q.milli % 1000 !== 0) return `${q.milli}m`;
  const v = q.milli / 1000;
  if (q.format === 'BinarySI' && Math.abs(v) >= 1024) {
    for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
      const unit = BINARY[suffix]!;
      if (v % unit === 0) return `${v / unit}${suffix}`;
    }
    return String(v);
  }
  for (const [suffix, unit] of [
    ['E', 1e18],
    ['P', 1e15],
    ['T', 1e12],
    ['G', 1e9],
    ['M', 1e6],
    ['k', 1e3],
  ] as const) {
    if (Math.abs(v) >= unit && v % unit === 0) return `${v / unit}${suffix}`;
  }
  return String(v);
}

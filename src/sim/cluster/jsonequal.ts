/**
 * Equality of two JSON values as `canonicalJson` (cluster/hash.ts) sees it: object key order does
 * not matter and keys holding `undefined` are absent. The controllers ask "did anything change?"
 * after every write, many times per scenario build; comparing in place stops at the first
 * difference and allocates nothing, where serialising both sides built two strings every time.
 */

/** Whether `canonicalJson(a) === canonicalJson(b)`, without serialising either. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const objA = typeof a === 'object' && a !== null;
  const objB = typeof b === 'object' && b !== null;
  // Scalars (and null) compare as their JSON text: NaN and Infinity both print null, as canonicalJson does.
  if (!objA || !objB) return !objA && !objB && JSON.stringify(a) === JSON.stringify(b);
  const arrA = Array.isArray(a);
  if (arrA !== Array.isArray(b)) return false;
  if (arrA) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const k in x) {
    if (!Object.prototype.hasOwnProperty.call(x, k) || x[k] === undefined) continue;
    defined++;
    if (!Object.prototype.hasOwnProperty.call(y, k) || !sameJson(x[k], y[k])) return false;
  }
  for (const k in y) if (Object.prototype.hasOwnProperty.call(y, k) && y[k] !== undefined) defined--;
  return defined === 0;
}

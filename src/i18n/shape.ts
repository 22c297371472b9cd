/**
 * Whether two dictionaries have the same shape: the same keys at every depth, strings where the
 * other has strings, functions of the same arity, lists of the same length. The types already say
 * so for TypeScript; this says it when the site is built and in the tests, where a cast or a
 * `// @ts-ignore` cannot hide a missing key. Pure.
 */
export function shapeProblems(source: unknown, other: unknown, path = ''): string[] {
  const here = path || '(root)';
  if (typeof source === 'function') {
    if (typeof other !== 'function') return [`${here}: a function in the source, ${describe(other)} here`];
    return source.length === other.length
      ? []
      : [`${here}: takes ${source.length} value(s) in the source, ${other.length} here`];
  }
  if (typeof source === 'string') {
    if (typeof other !== 'string') return [`${here}: a string in the source, ${describe(other)} here`];
    return other.trim() === '' && source.trim() !== '' ? [`${here}: empty`] : [];
  }
  if (Array.isArray(source)) {
    if (!Array.isArray(other)) return [`${here}: a list in the source, ${describe(other)} here`];
    if (source.length !== other.length) return [`${here}: ${source.length} items in the source, ${other.length} here`];
    return source.flatMap((item, i) => shapeProblems(item, other[i], `${path}[${i}]`));
  }
  if (source && typeof source === 'object') {
    if (!other || typeof other !== 'object') return [`${here}: an object in the source, ${describe(other)} here`];
    const problems: string[] = [];
    for (const key of Object.keys(source)) {
      const at = path ? `${path}.${key}` : key;
      if (!(key in other)) problems.push(`${at}: missing`);
      else
        problems.push(
          ...shapeProblems((source as Record<string, unknown>)[key], (other as Record<string, unknown>)[key], at),
        );
    }
    for (const key of Object.keys(other))
      if (!(key in source)) problems.push(`${path ? `${path}.` : ''}${key}: not in the source`);
    return problems;
  }
  return [];
}

function describe(v: unknown): string {
  return v === undefined ? 'nothing' : Array.isArray(v) ? 'a list' : `a ${typeof v}`;
}

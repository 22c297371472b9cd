/** Cell helpers shared by several printers (printers.go's small formatting functions). */

/** `layoutContainerCells`: container names and images, each joined by `,`. */
export function containerCells(containers: { name?: string; image?: string }[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name ?? '').join(','), cs.map((c) => c.image ?? '').join(',')];
}

/** `listWithMoreString`: the first `max` items joined by `,`, then ` + N more...`. */
export function joinWithMore(items: string[], max: number, emptyText: string): string {
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown === '' ? emptyText : shown;
}

/** A number cell as Go prints an int64 (missing counts print 0). */
export const num = (n: unknown): string => String(typeof n === 'number' ? n : 0);

/** `loadBalancerStatusStringer`: sorted, de-duplicated IPs (or hostnames), clipped to 16 bytes unless wide. */
export function loadBalancerStatus(ingress: { ip?: string; hostname?: string }[] | undefined, wide: boolean): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  const r = [...set].sort().join(',');
  return !wide && r.length > 16 ? `${r.slice(0, 13)}...` : r;
}

/**
 * The shape of a `kubectl get` table printer: the server-side column definitions (PRINTERS,
 * pkg/printers/internalversion) and a function that turns one object into all its cells.
 */
import type { KubeObject } from '../../cluster/types';

/** One column; `wide` columns (Priority 1) show only with `-o wide`. `name` is the printed header. */
export interface PrintColumn {
  name: string;
  wide?: boolean;
}

/** What a row needs besides the object: the virtual clock's now (AGE cells) and whether `-o wide` is on. */
export interface PrintContext {
  now: number;
  /** Only the service EXTERNAL-IP cell changes with it (load-balancer addresses are clipped unless wide). */
  wide?: boolean;
}

/** A resource's table: `row` returns one cell per column (wide ones included), in column order. */
export interface TablePrinter {
  columns: PrintColumn[];
  row(obj: KubeObject, ctx: PrintContext): string[];
}

/** Column helper: `col('IP', true)`. */
export const col = (name: string, wide = false): PrintColumn => (wide ? { name, wide } : { name });

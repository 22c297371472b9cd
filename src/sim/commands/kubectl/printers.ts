/**
 * The one place kubectl reaches the per-resource table and describe printers of src/sim/format.
 * (Kept as a seam so the verbs do not care which format module a printer lives in.)
 */
import type { KubeObject } from '../../cluster/types';

export interface TableColumn {
  name: string;
  /** Priority-1 column: only with `-o wide`. */
  wide?: boolean;
}

export interface TablePrinter {
  columns: TableColumn[];
  /** One cell per column (wide ones included). */
  row(obj: KubeObject, opts: { now: number }): string[];
}

export interface DescribeContext {
  now: number;
  list(resourcePlural: string, namespace?: string): KubeObject[];
}

let impl: {
  tablePrinterFor(resourcePlural: string): TablePrinter | undefined;
  describeObject(resourcePlural: string, obj: KubeObject, ctx: DescribeContext): string;
} | undefined;

/** Called by the format module's index (or a test) to plug the printers in. */
export function installPrinters(p: NonNullable<typeof impl>): void {
  impl = p;
}

/** The server-side table columns for a resource (NAME/AGE default for resources without a printer). */
export function tablePrinterFor(resourcePlural: string): TablePrinter | undefined {
  return impl?.tablePrinterFor(resourcePlural);
}

export function describeObject(resourcePlural: string, obj: KubeObject, ctx: DescribeContext): string | undefined {
  return impl?.describeObject(resourcePlural, obj, ctx);
}

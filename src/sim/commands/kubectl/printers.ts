/**
 * The one place kubectl reaches the describe printers of src/sim/format (a seam until
 * `describeObject` lands there; until then describe answers "not emulated yet").
 */
import type { KubeObject } from '../../cluster/types';

export interface DescribeContext {
  now: number;
  list(resourcePlural: string, namespace?: string): KubeObject[];
}

type Describe = (resourcePlural: string, obj: KubeObject, ctx: DescribeContext) => string | undefined;
let impl: Describe | undefined;

/** Plug the describe printers in. */
export function installDescribe(fn: Describe): void {
  impl = fn;
}

export function describeObject(resourcePlural: string, obj: KubeObject, ctx: DescribeContext): string | undefined {
  return impl?.(resourcePlural, obj, ctx);
}

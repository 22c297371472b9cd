/**
 * `kubectl get` tables: the printer for each resource and the decorations kubectl adds around the
 * server's table (NAMESPACE for -A, LABELS for --show-labels, -L columns, the `kind/` prefix when
 * several types are listed, wide columns).
 */
import type { KubeObject } from '../../cluster/types';
import { age } from '../duration';
import { formatLabels } from '../labels';
import { formatTable } from '../table';
import { podPrinter } from './pods';
import {
  endpointSlicePrinter,
  endpointsPrinter,
  ingressPrinter,
  networkPolicyPrinter,
  servicePrinter,
} from './network';
import { daemonSetPrinter, deploymentPrinter, jobPrinter, replicaSetPrinter, statefulSetPrinter } from './workloads';
import {
  configMapPrinter,
  eventPrinter,
  namespacePrinter,
  nodePrinter,
  secretPrinter,
  serviceAccountPrinter,
} from './core';
import { roleBindingPrinter, rolePrinter } from './rbac';
import { certificateSigningRequestPrinter } from './certificates';
import { col, type PrintColumn, type PrintContext, type TablePrinter } from './types';

export type { PrintColumn, PrintContext, TablePrinter } from './types';
export { podStatusCells } from './pods';
export {
  formatEndpoints,
  formatDiscoveryEndpoints,
  formatDiscoveryPorts,
  serviceExternalIP,
  servicePorts,
} from './network';
export { nodeRoles, nodeStatus, eventTimes } from './core';
export { subjectsStrings } from './rbac';

/** The client default for types without a server printer (objectMetaColumnDefinitions): NAME AGE. */
export const defaultPrinter: TablePrinter = {
  columns: [col('NAME'), col('AGE')],
  row: (o, ctx) => [o.metadata.name, age(o.metadata.creationTimestamp, ctx.now)],
};

const PRINTERS: Record<string, TablePrinter> = {
  pods: podPrinter,
  services: servicePrinter,
  endpoints: endpointsPrinter,
  endpointslices: endpointSlicePrinter,
  deployments: deploymentPrinter,
  replicasets: replicaSetPrinter,
  statefulsets: statefulSetPrinter,
  daemonsets: daemonSetPrinter,
  jobs: jobPrinter,
  nodes: nodePrinter,
  namespaces: namespacePrinter,
  serviceaccounts: serviceAccountPrinter,
  secrets: secretPrinter,
  configmaps: configMapPrinter,
  roles: rolePrinter,
  clusterroles: rolePrinter,
  rolebindings: roleBindingPrinter,
  clusterrolebindings: roleBindingPrinter,
  events: eventPrinter,
  ingresses: ingressPrinter,
  networkpolicies: networkPolicyPrinter,
  certificatesigningrequests: certificateSigningRequestPrinter,
};

/** The table printer for a resource plural (`pods`, `services`...); NAME/AGE for anything else. */
export function tablePrinterFor(resourcePlural: string): TablePrinter {
  return PRINTERS[resourcePlural] ?? defaultPrinter;
}

/** How kubectl decorates and lays out a table. */
export interface RenderTableOptions extends PrintContext {
  /** `-A`: prepend NAMESPACE (only pass it for namespaced resources). */
  namespaceColumn?: boolean;
  /** `--show-labels`: append LABELS. */
  showLabels?: boolean;
  /** `-L key` columns, in the order given. */
  labelColumns?: string[];
  /** `--no-headers`. */
  noHeaders?: boolean;
  /** Prefix for NAME cells when several types are printed: `service/`, `deployment.apps/`. */
  namePrefix?: string;
}

/** The header cells and rows kubectl prints for these objects (before tabwriter layout). */
export function tableCells(
  resourcePlural: string,
  objs: KubeObject[],
  opts: RenderTableOptions,
): { header: string[]; rows: string[][] } {
  const printer = tablePrinterFor(resourcePlural);
  const keep = printer.columns.map((c: PrintColumn) => opts.wide === true || !c.wide);
  const nameIndex = printer.columns.findIndex((c) => c.name === 'NAME');
  const header = printer.columns.filter((_, i) => keep[i]).map((c) => c.name);
  const labelColumns = opts.labelColumns ?? [];
  // -L columns are named after the key's last path segment (`app.kubernetes.io/name` → NAME).
  const labelHeaders = labelColumns.map((k) => k.slice(k.lastIndexOf('/') + 1).toUpperCase());
  const fullHeader = [
    ...(opts.namespaceColumn ? ['NAMESPACE'] : []),
    ...header,
    ...labelHeaders,
    ...(opts.showLabels ? ['LABELS'] : []),
  ];
  const rows = objs.map((o) => {
    const cells = printer.row(o, opts);
    // Events have a NAME column of their own only in wide mode; the name prefix goes on the first name column.
    if (opts.namePrefix && nameIndex >= 0 && resourcePlural !== 'events')
      cells[nameIndex] = `${opts.namePrefix}${cells[nameIndex]}`;
    return [
      ...(opts.namespaceColumn ? [o.metadata.namespace ?? ''] : []),
      ...cells.filter((_, i) => keep[i]),
      ...labelColumns.map((k) => o.metadata.labels?.[k] ?? ''),
      ...(opts.showLabels ? [formatLabels(o.metadata.labels)] : []),
    ];
  });
  return { header: fullHeader, rows };
}

/** The laid-out table text ('' when there are no objects: the caller prints "No resources found"). */
export function renderTable(resourcePlural: string, objs: KubeObject[], opts: RenderTableOptions): string {
  const { header, rows } = tableCells(resourcePlural, objs, opts);
  return formatTable(opts.noHeaders ? null : header, rows);
}

/** Tables for roles and role bindings (printers.go; roles have no printer, so the default applies). */
import type { KubeObject } from '../../cluster/types';
import { age, parseTimestamp, rfc3339 } from '../duration';
import { col, type TablePrinter } from './types';

/**
 * Roles and ClusterRoles have no table printer on the server, so kubectl shows the default
 * converter's NAME and CREATED AT (creationTimestamp in RFC 3339, UTC).
 */
export const rolePrinter: TablePrinter = {
  columns: [col('NAME'), col('CREATED AT')],
  row(role) {
    const t = parseTimestamp(role.metadata.creationTimestamp);
    return [role.metadata.name, t === undefined ? '' : rfc3339(t)];
  },
};

/** `rbac.SubjectsStrings`: users, groups and service accounts (`ns/name`) of a binding. */
export function subjectsStrings(binding: KubeObject): { users: string[]; groups: string[]; serviceAccounts: string[] } {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const s of (binding.subjects ?? []) as { kind: string; name: string; namespace?: string }[]) {
    if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
    else if (s.kind === 'ServiceAccount') serviceAccounts.push(`${s.namespace ?? ''}/${s.name}`);
  }
  return { users, groups, serviceAccounts };
}

export const roleBindingPrinter: TablePrinter = {
  columns: [
    col('NAME'),
    col('ROLE'),
    col('AGE'),
    col('USERS', true),
    col('GROUPS', true),
    col('SERVICEACCOUNTS', true),
  ],
  row(b, ctx) {
    const { users, groups, serviceAccounts } = subjectsStrings(b);
    return [
      b.metadata.name,
      `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`,
      age(b.metadata.creationTimestamp, ctx.now),
      users.join(', '),
      groups.join(', '),
      serviceAccounts.join(', '),
    ];
  },
};

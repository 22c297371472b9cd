/**
 * Who a shell runs as: the accounts of the emulated machines (the learner on the host, root in
 * kind nodes and containers, ec2-user on EKS's EC2 workers) with the ids `id` prints. The user is
 * part of the location a shell was entered at (`ssh ec2-user@IP`, `sudo`), not a guess of each
 * command's.
 */
import type { LocationRef } from './types';

export const HOST_USER = 'learner';
export const HOST_HOME = '/home/learner';
/** The login of Amazon Linux AMIs (EKS-optimized nodes included). */
export const EC2_USER = 'ec2-user';

/** One /etc/passwd entry with its group memberships, as `id` shows them. */
export interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
  /** Supplementary groups after the primary one, [gid, name]. */
  groups: Array<[number, string]>;
}

const ROOT: Account = { name: 'root', uid: 0, gid: 0, home: '/root', groups: [] };
const LEARNER: Account = { name: HOST_USER, uid: 1000, gid: 1000, home: HOST_HOME, groups: [] };
// Amazon Linux 2's cloud-init puts ec2-user in adm, wheel (sudo) and systemd-journal.
const EC2: Account = {
  name: EC2_USER,
  uid: 1000,
  gid: 1000,
  home: `/home/${EC2_USER}`,
  groups: [
    [4, 'adm'],
    [10, 'wheel'],
    [190, 'systemd-journal'],
  ],
};

/** EC2 instances carry their private DNS name (`ip-192-168-1-51.ap-northeast-2.compute.internal`). */
export function isEc2Node(loc: LocationRef): boolean {
  return loc.kind === 'node' && loc.node.endsWith('.compute.internal');
}

/** The user of a shell at `loc`: the one it logged in as, else the learner on the host and root elsewhere. */
export function userAt(loc: LocationRef): string {
  if ((loc.kind === 'host' || loc.kind === 'node') && loc.user) return loc.user;
  return loc.kind === 'host' ? HOST_USER : 'root';
}

/** The accounts a location's /etc/passwd knows (root everywhere). */
export function accountsAt(loc: LocationRef): Account[] {
  if (loc.kind === 'host') return [ROOT, LEARNER];
  return isEc2Node(loc) ? [ROOT, EC2] : [ROOT];
}

/** The account `name` at `loc`, if that machine has it. */
export function accountAt(loc: LocationRef, name: string): Account | undefined {
  return accountsAt(loc).find((a) => a.name === name);
}

/** The home directory of the user of a shell at `loc`. */
export function homeAt(loc: LocationRef): string {
  const user = userAt(loc);
  return accountAt(loc, user)?.home ?? (user === 'root' ? '/root' : `/home/${user}`);
}

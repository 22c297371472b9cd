/**
 * `/proc/net/xt_recent/NAME`: the kernel's view of one `recent` match list (net/netfilter/xt_recent.c).
 * A list exists while some rule names it (recent_mt_check creates it, the last rule's destroy frees
 * it) and lives in its network namespace, so each node shows the clients its own rules recorded.
 *
 * One line per address, `recent_seq_show`'s format:
 *   `src=%pI4 ttl: %u last_seen: %lu oldest_pkt: %u` then ` %lu` and `, %lu` for each stamp
 * where the stamps are jiffies kept in a ring of `roundup_pow_of_two(ip_pkt_list_tot)` slots
 * (ip_pkt_list_tot defaults to 20, so 32), `last_seen` is the newest stamp, and `oldest_pkt`
 * prints the entry's ring index (the slot after the newest stamp, despite its name).
 */
import { CLOCK_EPOCH } from '../core/clock';
import type { FileProvider, ProviderContext } from '../shell/vfs';
import { parseIp } from '../core/ipv4';
import { netnsFor } from './locate';
import type { NetfilterState, RecentList } from './netfilter';

/** CONFIG_HZ of Debian's and Ubuntu's kernels, which kind nodes share with the host. */
export const HZ = 250;
/** INITIAL_JIFFIES: `(unsigned long)(unsigned int)(-300 * HZ)`, so jiffies wraps 32 bits five minutes after boot. */
export const INITIAL_JIFFIES = 2 ** 32 - 300 * HZ;
/** When the learner's machine (whose kernel the kind nodes share) booted: an hour before the scenario starts. */
export const HOST_KERNEL_BOOT_MS = CLOCK_EPOCH - 3_600_000;
/** Slots in an entry's ring of stamps: roundup_pow_of_two(ip_pkt_list_tot = 20). */
export const RECENT_STAMP_SLOTS = 32;
/** The TTL recorded with an address: every emulated sender starts packets at 64 and nat PREROUTING sees them unrouted. */
const RECORDED_TTL = 64;

/** The kernel's jiffies at virtual time `ms`. */
export function jiffiesAt(ms: number): number {
  return INITIAL_JIFFIES + Math.floor(((ms - HOST_KERNEL_BOOT_MS) * HZ) / 1000);
}

/** The lists rules of this namespace name, sorted as `ls /proc/net/xt_recent` shows them. */
export function recentTableNames(nf: NetfilterState): string[] {
  const names = new Set<string>();
  for (const table of Object.values(nf.tables))
    for (const chain of Object.values(table.chains))
      for (const rule of chain.rules) for (const m of rule.matches) if (m.kind === 'recent') names.add(m.name);
  return [...names].sort();
}

/** The text of `/proc/net/xt_recent/NAME` for one list (its entries in the order they were first recorded). */
export function formatRecentTable(list: RecentList | undefined): string {
  let out = '';
  for (const [addr, times] of Object.entries(list ?? {})) {
    if (times.length === 0) continue;
    // Replay the ring: slot (k mod 32) holds the k-th stamp; index is one past the newest slot.
    const slots: number[] = [];
    times.forEach((t, k) => (slots[k % RECENT_STAMP_SLOTS] = jiffiesAt(t)));
    const index = ((times.length - 1) % RECENT_STAMP_SLOTS) + 1;
    const lastSeen = slots[index - 1]!;
    out += `src=${addr} ttl: ${RECORDED_TTL} last_seen: ${lastSeen} oldest_pkt: ${index}`;
    out += slots.map((j, i) => `${i ? ',' : ''} ${j}`).join('');
    out += '\n';
  }
  return out;
}

const XT_RECENT_DIR = '/proc/net/xt_recent';

function stateAt(ctx: ProviderContext): NetfilterState | undefined {
  return netnsFor(ctx.emulator, ctx.location)?.netfilter.state;
}

/**
 * `/proc/net/xt_recent/NAME` in every network namespace: one file per list its rules name. Writing
 * `+ADDR` records an address, `-ADDR` forgets it and `/` empties the list (recent_mt_proc_write).
 */
export const xtRecentProvider: FileProvider = {
  path: XT_RECENT_DIR,
  names: (ctx) => {
    const state = stateAt(ctx);
    return state ? recentTableNames(state) : undefined;
  },
  read: (ctx) => {
    const state = stateAt(ctx);
    return state ? formatRecentTable(state.recent[ctx.path.slice(XT_RECENT_DIR.length + 1)]) : undefined;
  },
  write: (ctx, content) => {
    const state = stateAt(ctx);
    if (!state) return;
    const name = ctx.path.slice(XT_RECENT_DIR.length + 1);
    const text = content.trim();
    if (text === '/') {
      state.recent[name] = {};
      return;
    }
    const addr = text.slice(1);
    if (parseIp(addr) === undefined) return;
    const list = (state.recent[name] ??= {});
    if (text[0] === '+') (list[addr] ??= []).push(ctx.emulator.clock.now());
    else if (text[0] === '-') delete list[addr];
  },
};

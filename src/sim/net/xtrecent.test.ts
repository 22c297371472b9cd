import { describe, expect, it } from 'vitest';
import { HOST_KERNEL_BOOT_MS, INITIAL_JIFFIES, formatRecentTable, jiffiesAt } from './xtrecent';

// Expected values follow net/netfilter/xt_recent.c: recent_entry_init (stamps[0] = jiffies,
// nstamps = index = 1), recent_entry_update (index &= mask; stamps[index++] = jiffies), and
// recent_seq_show ("src=%pI4 ttl: %u last_seen: %lu oldest_pkt: %u", then "%s %lu" per stamp with
// "," before every stamp but the first). include/linux/jiffies.h: INITIAL_JIFFIES = -300*HZ as u32.
describe('xt_recent /proc file', () => {
  it('counts jiffies from INITIAL_JIFFIES at HZ=250', () => {
    expect(INITIAL_JIFFIES).toBe(4294892296);
    expect(jiffiesAt(HOST_KERNEL_BOOT_MS)).toBe(4294892296);
    expect(jiffiesAt(HOST_KERNEL_BOOT_MS + 1000)).toBe(4294892546);
    expect(jiffiesAt(HOST_KERNEL_BOOT_MS + 3_600_000)).toBe(4294892296 + 900_000);
  });

  it('prints one line per address: the newest stamp, the ring index, then every stamp', () => {
    const t0 = HOST_KERNEL_BOOT_MS + 3_600_000;
    const text = formatRecentTable({ '10.10.0.5': [t0, t0 + 2000, t0 + 4000] });
    expect(text).toBe('src=10.10.0.5 ttl: 64 last_seen: 4295793296 oldest_pkt: 3 4295792296, 4295792796, 4295793296\n');
  });

  it('keeps 32 stamps in a ring: the 33rd overwrites slot 0 and the index starts over', () => {
    const t0 = HOST_KERNEL_BOOT_MS;
    const times = Array.from({ length: 33 }, (_, k) => t0 + k * 4); // one jiffy apart
    const line = formatRecentTable({ '172.18.0.1': times });
    const stamps = line.trimEnd().split(' oldest_pkt: ')[1]!;
    const [index, ...rest] = stamps.split(' ');
    expect(index).toBe('1');
    const ring = rest.join(' ').split(', ').map(Number);
    expect(ring).toHaveLength(32);
    expect(ring[0]).toBe(INITIAL_JIFFIES + 32); // the 33rd stamp
    expect(ring[1]).toBe(INITIAL_JIFFIES + 1);
    expect(line).toContain(`last_seen: ${INITIAL_JIFFIES + 32} `);
  });

  it('is empty for a list nobody was recorded in', () => {
    expect(formatRecentTable(undefined)).toBe('');
    expect(formatRecentTable({})).toBe('');
  });
});

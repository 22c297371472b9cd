/**
 * `getent hosts|ahosts|ahostsv4 NAME...` (glibc): /etc/hosts then DNS through the location's
 * resolv.conf, exactly as curl and ping resolve. `hosts` prints `%-15s %s` plus aliases per address;
 * a name that does not resolve prints nothing and exits 2.
 */
import type { CommandContext, CommandSpec } from '../../shell/types';
import { resolveHost } from '../../dns/resolver';
import { dnsToolsAt } from './images';
import { waitFor } from './common';

const DATABASES = [
  'ahosts',
  'ahostsv4',
  'ahostsv6',
  'aliases',
  'ethers',
  'group',
  'gshadow',
  'hosts',
  'initgroups',
  'netgroup',
  'networks',
  'passwd',
  'protocols',
  'rpc',
  'services',
  'shadow',
];

function runGetent(ctx: CommandContext): number {
  const [db, ...keys] = ctx.argv.slice(1);
  if (!db) {
    ctx.stderr.write(
      "Usage: getent [OPTION...] database [key ...]\nTry `getent --help' or `getent --usage' for more information.\n",
    );
    return 1;
  }
  if (!DATABASES.includes(db)) {
    ctx.stderr.write(`Unknown database: ${db}\nTry \`getent --help' or \`getent --usage' for more information.\n`);
    return 1;
  }
  if (db !== 'hosts' && db !== 'ahosts' && db !== 'ahostsv4') {
    ctx.stderr.write(`netlab: getent ${db} is not emulated\n`);
    return 1;
  }
  if (!keys.length) {
    ctx.stderr.write(`netlab: getent ${db} without a key (enumeration) is not emulated\n`);
    return 1;
  }
  const libc = dnsToolsAt(ctx.emulator, ctx.location).libc;
  let code = 0;
  for (const key of keys) {
    const r = resolveHost(ctx.emulator, ctx.location, key, { libc });
    waitFor(ctx.emulator, r.elapsedMs);
    if (!r.address) {
      code = 2;
      continue;
    }
    const canonical = r.source === 'literal' ? key : (r.canonicalName ?? key);
    if (db === 'hosts') {
      // The names the resolver went through (a CNAME's owner) become aliases.
      const aliases =
        r.source === 'dns' && r.tried.length && r.tried[r.tried.length - 1] !== canonical
          ? [r.tried[r.tried.length - 1]!]
          : [];
      for (const ip of r.addresses) ctx.stdout.write(`${ip.padEnd(15)} ${[canonical, ...aliases].join(' ')}\n`);
    } else {
      r.addresses.forEach((ip, i) => {
        ctx.stdout.write(
          `${ip.padEnd(15)} STREAM ${i === 0 ? canonical : ''}\n${ip.padEnd(15)} DGRAM  \n${ip.padEnd(15)} RAW    \n`,
        );
      });
    }
  }
  return code;
}

export const getentCommand: CommandSpec = {
  name: 'getent',
  summary: 'get entries from Name Service Switch libraries',
  availableIn: ({ emulator, location }) => dnsToolsAt(emulator, location).getent,
  run: runGetent,
};

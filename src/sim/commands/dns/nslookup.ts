/**
 * `nslookup`: bind's in netshoot/dnsutils images, on nodes and the learner's machine; BusyBox's in
 * busybox and alpine images. Command line: `nslookup [-type=T] NAME [SERVER]`.
 */
import type { CommandContext, CommandSpec } from '../../shell/types';
import { RR_TYPE_CODES, type RRType } from '../../dns/message';
import { dnsToolsAt } from './images';
import { bindNslookup } from './nslookup-bind';
import { busyboxNslookup, legacyBusyboxNslookup } from './nslookup-busybox';

const BIND_USAGE = `Usage:
   nslookup [-opt ...]             # interactive mode using default server
   nslookup [-opt ...] - server    # interactive mode using 'server'
   nslookup [-opt ...] host        # just look up 'host' using default server
   nslookup [-opt ...] host server # just look up 'host' using 'server'
`;

function runNslookup(ctx: CommandContext): number {
  const tools = dnsToolsAt(ctx.emulator, ctx.location);
  let type: RRType | undefined;
  let port: number | undefined;
  const words: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    const m = /^-(?:type|query|querytype|q|t)=(.+)$/i.exec(a);
    if (m) {
      const t = m[1]!.toUpperCase();
      if (!(t in RR_TYPE_CODES)) {
        ctx.stdout.write(`unknown query type: ${m[1]}\n`);
        continue;
      }
      type = t as RRType;
    } else if (/^-port=\d+$/.test(a)) port = Number(a.slice(6));
    else if (a.startsWith('-') && a !== '-') {
      // -debug, -timeout=N, -retry=N, -norecurse ...: accepted, no effect here
    } else words.push(a);
  }
  const name = words[0];
  if (!name || name === '-') {
    if (tools.busybox) {
      ctx.stderr.write(
        'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n',
      );
      return 1;
    }
    ctx.stderr.write('netlab: interactive nslookup is not emulated\n');
    return 1;
  }
  const server = words[1];
  if (tools.busybox === 'legacy') {
    const r = legacyBusyboxNslookup(ctx.emulator, ctx.location, name);
    ctx.stdout.write(r.stdout);
    ctx.stderr.write(r.stderr);
    return r.code;
  }
  if (tools.busybox === 'big') {
    const r = busyboxNslookup(ctx.emulator, ctx.location, name, { type, server });
    ctx.stdout.write(r.stdout);
    return r.code;
  }
  const r = bindNslookup(ctx.emulator, ctx.location, name, { type, server, port });
  ctx.stdout.write(r.stdout);
  return r.code;
}

export const nslookupCommand: CommandSpec = {
  name: 'nslookup',
  summary: 'query Internet name servers',
  usage: BIND_USAGE,
  availableIn: ({ emulator, location }) => {
    const t = dnsToolsAt(emulator, location);
    return t.bind || !!t.busybox;
  },
  run: runNslookup,
};

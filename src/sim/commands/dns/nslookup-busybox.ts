/**
 * BusyBox `nslookup`, both implementations (reference 1.4.2). The big one (≥ 1.29) has its own
 * resolver: the search list only for names without a dot (ndots ignored), every candidate asked for A
 * and then AAAA, each result printed. The legacy one (≤ 1.28) goes through getaddrinfo (search list
 * and ndots apply) and prints each address with its reverse name.
 */
import type { Emulator } from '../../emulator';
import type { LocationRef } from '../../shell/types';
import { fqdn, isIPv4, reverseName, stripDot } from '../../dns/names';
import { queryServers, resolvConfAt, resolveHost } from '../../dns/resolver';
import { clusterTransport } from '../../dns/transport';
import type { RRType } from '../../dns/message';
import { waitFor } from './common';

export interface BusyboxRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** BusyBox ≥ 1.29 nslookup. */
export function busyboxNslookup(
  emu: Emulator,
  from: LocationRef,
  name: string,
  opts: { type?: RRType; server?: string } = {},
): BusyboxRun {
  const conf = resolvConfAt(emu, from);
  const server = opts.server ?? conf.nameservers[0] ?? '127.0.0.1';
  const transport = clusterTransport(emu);
  const names = isIPv4(name)
    ? [reverseName(name)]
    : !name.includes('.') && conf.search.length
      ? conf.search.map((d) => fqdn(`${name}.${d}`))
      : [fqdn(name)];
  const types: RRType[] = isIPv4(name) ? ['PTR'] : opts.type ? [opts.type] : ['A', 'AAAA'];
  let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  let code = 0;
  for (const type of types) {
    for (const qname of names) {
      const a = queryServers(transport, from, [server], { name: qname, type });
      if (a.reply.kind !== 'reply') {
        waitFor(emu, 5000);
        return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', code: 1 };
      }
      const r = a.reply.response;
      if (r.rcode !== 'NOERROR') {
        out += `** server can't find ${stripDot(qname)}: ${r.rcode}\n`;
        code = 1;
      } else {
        const rrs = r.answer;
        if (rrs.length && !r.aa) out += 'Non-authoritative answer:\n';
        for (const rr of rrs) {
          const d = rr.rdata;
          const owner = stripDot(rr.name);
          if (d.type === 'A' || d.type === 'AAAA') out += `Name:\t${owner}\nAddress: ${d.address}\n`;
          else if (d.type === 'CNAME') out += `${owner}\tcanonical name = ${stripDot(d.target)}\n`;
          else if (d.type === 'PTR') out += `${owner}\tname = ${stripDot(d.target)}\n`;
          else if (d.type === 'SRV')
            out += `${owner}\tservice = ${d.priority} ${d.weight} ${d.port} ${stripDot(d.target)}\n`;
          else if (d.type === 'TXT') out += `${owner}\ttext = "${d.text}"\n`;
        }
        if (!rrs.length && opts.type) out += `*** Can't find ${name}: No answer\n`;
      }
      out += '\n';
    }
  }
  return { stdout: out, stderr: '', code };
}

/** BusyBox ≤ 1.28 nslookup (getaddrinfo, then a reverse lookup per address). */
export function legacyBusyboxNslookup(emu: Emulator, from: LocationRef, name: string): BusyboxRun {
  const conf = resolvConfAt(emu, from);
  const server = conf.nameservers[0] ?? '127.0.0.1';
  const transport = clusterTransport(emu);
  const ptr = (ip: string): string => {
    const a = queryServers(transport, from, [server], { name: reverseName(ip), type: 'PTR' });
    const t = a.reply.kind === 'reply' ? a.reply.response.answer.find((rr) => rr.rdata.type === 'PTR') : undefined;
    return t && t.rdata.type === 'PTR' ? ` ${stripDot(t.rdata.target)}` : '';
  };
  let out = `Server:    ${server}\nAddress 1: ${server}${ptr(server)}\n\n`;
  const res = resolveHost(emu, from, name, { transport });
  waitFor(emu, res.elapsedMs);
  if (!res.address) return { stdout: out, stderr: `nslookup: can't resolve '${name}'\n`, code: 1 };
  out += `Name:      ${name}\n`;
  res.addresses.forEach((ip, i) => {
    out += `Address ${i + 1}: ${ip}${ptr(ip)}\n`;
  });
  return { stdout: out, stderr: '', code: 0 };
}

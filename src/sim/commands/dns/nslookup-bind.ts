/**
 * bind9's `nslookup` (9.18, bin/dig/nslookup.c over dighost.c), non-interactive: the search list with
 * ndots for A lookups, then AAAA for the name found; `;; Got recursion not available from X` for
 * every reply without RA (CoreDNS's own answers), the `Server:`/`Address:` header, `Name:`/`Address:`
 * pairs, `canonical name =` for CNAMEs, `** server can't find NAME: NXDOMAIN`. Reference 1.4.1.
 */
import type { Emulator } from '../../emulator';
import type { LocationRef } from '../../shell/types';
import type { DnsResponse, ResourceRecord, RRType } from '../../dns/message';
import { isIPv4, reverseName, stripDot } from '../../dns/names';
import { bindSearch, queryServers, resolvConfAt, searchCandidates, type QueryAttempt } from '../../dns/resolver';
import { clusterTransport } from '../../dns/transport';
import { communicationsErrors } from './common';

export interface NslookupRun {
  stdout: string;
  code: number;
}

/** One answer record the way nslookup prints it (owner names without the trailing dot). */
function printRecord(rr: ResourceRecord): string {
  const owner = stripDot(rr.name);
  const d = rr.rdata;
  switch (d.type) {
    case 'A':
    case 'AAAA':
      return `Name:\t${owner}\nAddress: ${d.address}\n`;
    case 'CNAME':
      return `${owner}\tcanonical name = ${d.target}\n`;
    case 'PTR':
      return `${owner}\tname = ${d.target}\n`;
    case 'NS':
      return `${owner}\tnameserver = ${d.target}\n`;
    case 'SRV':
      return `${owner}\tservice = ${d.priority} ${d.weight} ${d.port} ${d.target}\n`;
    case 'TXT':
      return `${owner}\ttext = "${d.text}"\n`;
    case 'SOA':
      return `${owner}\n\torigin = ${d.mname}\n\tmail addr = ${d.rname}\n\tserial = ${d.serial}\n\trefresh = ${d.refresh}\n\tretry = ${d.retry}\n\texpire = ${d.expire}\n\tminimum = ${d.minimum}\n`;
  }
}

/** The name at the end of the CNAME chain in an answer (where the AAAA lookup goes next). */
function chaseCname(r: DnsResponse, name: string): string {
  let cur = name;
  for (let i = 0; i < 8; i++) {
    const c = r.answer.find((rr) => rr.name === cur && rr.rdata.type === 'CNAME');
    if (!c || c.rdata.type !== 'CNAME') break;
    cur = c.rdata.target;
  }
  return cur;
}

/** Run bind nslookup for `name` (type `type`, or the default A+AAAA) against `server` or resolv.conf's. */
export function bindNslookup(
  emu: Emulator,
  from: LocationRef,
  name: string,
  opts: { type?: RRType; server?: string; port?: number } = {},
): NslookupRun {
  const conf = resolvConfAt(emu, from);
  const server = opts.server ?? conf.nameservers[0] ?? '127.0.0.1';
  const port = opts.port ?? 53;
  const transport = clusterTransport(emu);
  const reverse = isIPv4(name) && !opts.type;
  const type: RRType = reverse ? 'PTR' : (opts.type ?? 'A');
  const defaultLookups = !opts.type;
  let out = '';
  const header = `Server:\t\t${server}\nAddress:\t${server}#${port}\n\n`;
  const noteReply = (a: QueryAttempt): void => {
    if (a.reply.kind !== 'reply') return;
    if (!a.reply.response.ra) out += `;; Got recursion not available from ${server}\n`;
    if (a.reply.response.rcode === 'SERVFAIL') out += `;; Got SERVFAIL reply from ${server}\n`;
  };
  const ask = (qname: string, qtype: RRType): QueryAttempt => {
    const a = queryServers(transport, from, [server], { name: qname, type: qtype }, port);
    noteReply(a);
    return a;
  };
  const candidates = reverse ? [reverseName(name)] : searchCandidates(name, conf);
  const last = bindSearch(transport, from, server, candidates, type, port, noteReply);
  if (!last || last.reply.kind !== 'reply') {
    return {
      stdout: `${out}${communicationsErrors(emu, server, port, last?.reply.kind === 'refused')};; no servers could be reached\n\n`,
      code: 1,
    };
  }
  const r = last.reply.response;
  // The header goes with the A answer (and with every answer of a non-default type), never with PTR.
  if (!defaultLookups || type === 'A') out += header;
  // The failed lookup is named as sent: the in-addr.arpa name for an address.
  const shown = reverse ? stripDot(reverseName(name)) : name;
  if (r.rcode !== 'NOERROR') return { stdout: `${out}** server can't find ${shown}: ${r.rcode}\n\n`, code: 1 };
  if (!r.aa && (!defaultLookups || type === 'A')) out += 'Non-authoritative answer:\n';
  let code = 0;
  if (r.answer.length) out += r.answer.map(printRecord).join('');
  else if (!defaultLookups) {
    out += `*** Can't find ${name}: No answer\n`;
  }
  if (defaultLookups && type === 'A') {
    const aaaa = ask(chaseCname(r, last.question.name), 'AAAA');
    if (aaaa.reply.kind === 'reply') {
      const rr = aaaa.reply.response;
      if (rr.answer.some((x) => x.rdata.type === 'AAAA'))
        out += rr.answer
          .filter((x) => x.rdata.type === 'AAAA')
          .map(printRecord)
          .join('');
      else if (!r.answer.length) out += `*** Can't find ${name}: No answer\n`;
    }
  }
  if (!r.answer.length && defaultLookups && type !== 'A') code = 1;
  return { stdout: `${out}\n`, code };
}

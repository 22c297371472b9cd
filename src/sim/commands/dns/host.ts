/**
 * `host` (bind 9.18): `NAME has address IP`, `NAME is an alias for TARGET.`, `has SRV record`,
 * `domain name pointer` for addresses; the search list applies; `Host NAME not found: 3(NXDOMAIN)`.
 */
import type { CommandContext, CommandSpec } from '../../shell/types';
import { RR_TYPE_CODES, rdataText, type ResourceRecord, type RRType } from '../../dns/message';
import { isIPv4, reverseName, stripDot } from '../../dns/names';
import { bindSearch, queryServers, resolvConfAt, searchCandidates } from '../../dns/resolver';
import { clusterTransport } from '../../dns/transport';
import { dnsToolsAt } from './images';
import { communicationsErrors } from './common';

const RCODE_NUMBERS: Record<string, number> = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
};

const USAGE = `Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]
            [-R number] [-m flag] [-p port] hostname [server]
`;

/** One answer line in host's words. */
function hostLine(rr: ResourceRecord): string {
  const owner = stripDot(rr.name);
  const d = rr.rdata;
  switch (d.type) {
    case 'A':
      return `${owner} has address ${d.address}`;
    case 'AAAA':
      return `${owner} has IPv6 address ${d.address}`;
    case 'CNAME':
      return `${owner} is an alias for ${d.target}`;
    case 'PTR':
      return `${rr.name.replace(/\.$/, '')} domain name pointer ${d.target}`;
    case 'SRV':
      return `${owner} has SRV record ${rdataText(d)}`;
    case 'NS':
      return `${owner} name server ${d.target}`;
    case 'TXT':
      return `${owner} descriptive text "${d.text}"`;
    case 'SOA':
      return `${owner} has SOA record ${rdataText(d)}`;
  }
}

function runHost(ctx: CommandContext): number {
  const emu = ctx.emulator;
  let type: RRType | undefined;
  const words: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t') {
      const t = (args[++i] ?? '').toUpperCase();
      if (!(t in RR_TYPE_CODES)) {
        ctx.stderr.write(`host: invalid type: ${args[i] ?? ''}\n`);
        return 1;
      }
      type = t as RRType;
    } else if (a === '-a') type = 'ANY';
    else if (a.startsWith('-')) {
      // -v, -W N, -4 ...: accepted without effect
      if (a === '-W' || a === '-R' || a === '-N' || a === '-c' || a === '-p' || a === '-m') i++;
    } else words.push(a);
  }
  const name = words[0];
  if (!name) {
    ctx.stderr.write(USAGE);
    return 1;
  }
  const conf = resolvConfAt(emu, ctx.location);
  const server = words[1] ?? conf.nameservers[0] ?? '127.0.0.1';
  const transport = clusterTransport(emu);
  const reverse = isIPv4(name);
  const types: RRType[] = reverse ? ['PTR'] : type ? [type] : ['A', 'AAAA', 'MX'];
  const candidates = reverse ? [reverseName(name)] : searchCandidates(name, conf);
  let out = words[1] ? `Using domain server:\nName: ${server}\nAddress: ${server}#53\nAliases: \n\n` : '';
  // The first type walks the search list; the others ask for the name that answered.
  const last = bindSearch(transport, ctx.location, server, candidates, types[0]!);
  if (!last || last.reply.kind !== 'reply') {
    ctx.stdout.write(
      `${out}${communicationsErrors(emu, server, 53, last?.reply.kind === 'refused')};; no servers could be reached\n`,
    );
    return 1;
  }
  const first = last.reply.response;
  if (first.rcode !== 'NOERROR') {
    ctx.stdout.write(`${out}Host ${name} not found: ${RCODE_NUMBERS[first.rcode] ?? 2}(${first.rcode})\n`);
    return 1;
  }
  const found = last.question.name;
  const lines: string[] = first.answer.map(hostLine);
  const shown = new Set(lines);
  for (const t of types.slice(1)) {
    const a = queryServers(transport, ctx.location, [server], { name: found, type: t });
    if (a.reply.kind !== 'reply') continue;
    for (const rr of a.reply.response.answer) {
      const line = hostLine(rr);
      if (!shown.has(line)) lines.push(line);
      shown.add(line);
    }
  }
  if (!lines.length && type) {
    ctx.stdout.write(`${out}${stripDot(found)} has no ${type} record\n`);
    return 0;
  }
  ctx.stdout.write(out + lines.map((l) => `${l}\n`).join(''));
  return 0;
}

export const hostCommand: CommandSpec = {
  name: 'host',
  summary: 'DNS lookup utility',
  usage: USAGE,
  availableIn: ({ emulator, location }) => dnsToolsAt(emulator, location).bind,
  run: runHost,
};

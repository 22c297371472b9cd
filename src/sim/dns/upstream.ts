/**
 * The emulated internet's DNS: a small fixed table of public names that every upstream resolver
 * (the docker host's, the VPC's, 8.8.8.8) answers from, and NXDOMAIN with the root zone's SOA for
 * everything else. The data plane can put web servers at these addresses (`PUBLIC_HOSTS`), so a name
 * that resolves here is also one curl can reach.
 */
import { emptyResponse, type DnsQuestion, type DnsResponse, type ResourceRecord } from './message';
import { fqdn } from './names';

/** Public names: an address list, or a CNAME to another name in the table. */
export const PUBLIC_HOSTS: Record<string, { a?: string[]; cname?: string }> = {
  'google.com.': { a: ['142.250.72.14'] },
  'www.google.com.': { a: ['142.250.196.132'] },
  'kubernetes.io.': { a: ['15.197.167.90', '3.33.186.135'] },
  'www.kubernetes.io.': { cname: 'kubernetes.io.' },
  'example.com.': { a: ['192.0.2.53'] },
  'www.example.com.': { a: ['192.0.2.53'] },
  'github.com.': { a: ['20.200.245.247'] },
  'www.github.com.': { cname: 'github.com.' },
  'github.github.io.': { a: ['185.199.108.153', '185.199.109.153', '185.199.110.153', '185.199.111.153'] },
  'registry.k8s.io.': { a: ['34.96.108.209'] },
  'docker.io.': { a: ['54.196.99.49'] },
  'www.naver.com.': { cname: 'www.naver.com.nheos.com.' },
  'www.naver.com.nheos.com.': { a: ['223.130.200.236', '223.130.192.248'] },
  'ifconfig.me.': { a: ['34.160.111.145'] },
  'dns.google.': { a: ['8.8.8.8', '8.8.4.4'] },
  'one.one.one.one.': { a: ['1.1.1.1', '1.0.0.1'] },
  // Added after the lessons' seeds were fixed: last, so every earlier host keeps its place.
  'raw.githubusercontent.com.': { a: ['185.199.108.133', '185.199.109.133', '185.199.110.133', '185.199.111.133'] },
};

/** Reverse names the public resolvers' owners publish (PTR). */
export const PUBLIC_PTR: Record<string, string> = {
  '8.8.8.8.in-addr.arpa.': 'dns.google.',
  '4.4.8.8.in-addr.arpa.': 'dns.google.',
  '1.1.1.1.in-addr.arpa.': 'one.one.one.one.',
  '1.0.0.1.in-addr.arpa.': 'one.one.one.one.',
};

/** TTL the public zones publish (before CoreDNS's cache caps it). */
export const PUBLIC_TTL = 300;

/** The root zone's SOA, as public resolvers put it in NXDOMAIN answers. */
export function rootSoa(ttl: number): ResourceRecord {
  return {
    name: '.',
    ttl,
    rdata: {
      type: 'SOA',
      mname: 'a.root-servers.net.',
      rname: 'nstld.verisign-grs.com.',
      serial: 2026100200,
      refresh: 1800,
      retry: 900,
      expire: 604800,
      minimum: 86400,
    },
  };
}

/** Every public address in the table (for the data plane's internet hosts). */
export function publicAddresses(): string[] {
  return [...new Set(Object.values(PUBLIC_HOSTS).flatMap((h) => h.a ?? []))];
}

/** The public resolver's answer: recursion available, not authoritative, CNAMEs chased inside the table. */
export function upstreamAnswer(q: DnsQuestion): DnsResponse {
  const res = emptyResponse(q, 'NOERROR', false, true);
  let name = fqdn(q.name);
  const ptr = PUBLIC_PTR[name];
  if (ptr) {
    if (q.type === 'PTR' || q.type === 'ANY')
      res.answer.push({ name, ttl: PUBLIC_TTL, rdata: { type: 'PTR', target: ptr } });
    return res;
  }
  if (!PUBLIC_HOSTS[name]) {
    res.rcode = 'NXDOMAIN';
    res.authority.push(rootSoa(PUBLIC_TTL));
    return res;
  }
  for (let hops = 0; hops < 8; hops++) {
    const h = PUBLIC_HOSTS[name];
    if (!h) break;
    if (h.cname) {
      res.answer.push({ name, ttl: PUBLIC_TTL, rdata: { type: 'CNAME', target: h.cname } });
      if (q.type === 'CNAME') break;
      name = h.cname;
      continue;
    }
    if (q.type === 'A' || q.type === 'ANY')
      for (const a of h.a ?? []) res.answer.push({ name, ttl: PUBLIC_TTL, rdata: { type: 'A', address: a } });
    break;
  }
  return res;
}

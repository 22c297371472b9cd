/**
 * Golden DNS transcripts (reference facts-dns-cni-rbac.md 1.4 and 1.5): bind nslookup, BusyBox
 * nslookup, dig, host and getent from pods of the kind-iptables cluster (kube-dns 10.200.1.10).
 * dig's id, COOKIE and Query time are seeded draws; everything else is the reference's layout.
 */
import { describe, expect, it } from 'vitest';
import { dnsCluster } from './dns-harness';

const RECURSION = ';; Got recursion not available from 10.200.1.10\n';
const HEADER = 'Server:\t\t10.200.1.10\nAddress:\t10.200.1.10#53\n\n';

describe('bind nslookup in a netshoot pod', () => {
  it('resolves a ClusterIP service through the first search domain', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- nslookup web')).toBe(
      `${RECURSION}${HEADER}Name:\tweb.default.svc.cluster.local\nAddress: 10.200.1.120\n${RECURSION}\n`,
    );
  });

  it('lists every address of a headless service built from hand-made Endpoints', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- nslookup db')).toBe(
      `${RECURSION}${HEADER}Name:\tdb.default.svc.cluster.local\nAddress: 10.10.1.5\nName:\tdb.default.svc.cluster.local\nAddress: 10.10.2.7\nName:\tdb.default.svc.cluster.local\nAddress: 10.10.3.9\n${RECURSION}\n`,
    );
  });

  it('prints the ExternalName CNAME, then the address it leads to (AAAA goes upstream: no recursion warning)', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- nslookup ext')).toBe(
      `${RECURSION}${HEADER}ext.default.svc.cluster.local\tcanonical name = www.example.com.\nName:\twww.example.com\nAddress: 192.0.2.53\n\n`,
    );
  });

  it('walks the search list: kubernetes.default.default.svc.cluster.local fails, kubernetes.default.svc.cluster.local answers', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- nslookup kubernetes.default')).toBe(
      `${RECURSION}${RECURSION}${HEADER}Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.200.1.1\n${RECURSION}\n`,
    );
  });

  it('reports NXDOMAIN after three cluster-domain misses and the forwarded absolute try, exit 1', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- nslookup nosuch; echo "exit $?"')).toBe(
      `${RECURSION}${RECURSION}${RECURSION}${HEADER}** server can't find nosuch: NXDOMAIN\n\ncommand terminated with exit code 1\nexit 1\n`,
    );
  });

  it('marks a forwarded public name as a non-authoritative answer', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- nslookup google.com')).toBe(
      `${RECURSION}${RECURSION}${RECURSION}${HEADER}Non-authoritative answer:\nName:\tgoogle.com\nAddress: 142.250.72.14\n\n`,
    );
  });
});

describe('dig in a netshoot pod', () => {
  it('prints the full answer for a service (flags qr aa rd, the .local and recursion warnings, MSG SIZE 115)', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- dig web.default.svc.cluster.local')).toBe(`
; <<>> DiG 9.18.49-1~deb12u3-Debian <<>> web.default.svc.cluster.local
;; global options: +cmd
;; Got answer:
;; WARNING: .local is reserved for Multicast DNS
;; You are currently testing what happens when an mDNS query is leaked to DNS
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4786
;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1
;; WARNING: recursion requested but not available

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 1232
; COOKIE: c5719d007e71e1d1 (echoed)
;; QUESTION SECTION:
;web.default.svc.cluster.local.	IN	A

;; ANSWER SECTION:
web.default.svc.cluster.local. 30 IN	A	10.200.1.120

;; Query time: 0 msec
;; SERVER: 10.200.1.10#53(10.200.1.10) (UDP)
;; WHEN: Fri Oct 02 16:00:16 UTC 2026
;; MSG SIZE  rcvd: 115

`);
  });

  it('puts the cluster.local SOA in the AUTHORITY section of an NXDOMAIN', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- dig nosuch.default.svc.cluster.local')).toBe(`
; <<>> DiG 9.18.49-1~deb12u3-Debian <<>> nosuch.default.svc.cluster.local
;; global options: +cmd
;; Got answer:
;; WARNING: .local is reserved for Multicast DNS
;; You are currently testing what happens when an mDNS query is leaked to DNS
;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 4786
;; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1
;; WARNING: recursion requested but not available

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 1232
; COOKIE: c5719d007e71e1d1 (echoed)
;; QUESTION SECTION:
;nosuch.default.svc.cluster.local. IN	A

;; AUTHORITY SECTION:
cluster.local.		30	IN	SOA	ns.dns.cluster.local. hostmaster.cluster.local. 1790956802 7200 1800 86400 30

;; Query time: 0 msec
;; SERVER: 10.200.1.10#53(10.200.1.10) (UDP)
;; WHEN: Fri Oct 02 16:00:16 UTC 2026
;; MSG SIZE  rcvd: 166

`);
  });

  it('does not search without +search: web. goes upstream and gets the root SOA, with recursion available', async () => {
    const { run } = await dnsCluster();
    const out = await run('kubectl exec net -- dig web');
    expect(out).toContain(';; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1\n\n');
    expect(out).toContain(
      ';; QUESTION SECTION:\n;web.\t\t\t\tIN\tA\n\n;; AUTHORITY SECTION:\n.\t\t\t30\tIN\tSOA\ta.root-servers.net. nstld.verisign-grs.com. 2026100200 1800 900 604800 86400\n',
    );
  });

  it('prints rdata only with +short: the CNAME then the address for an ExternalName', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- dig +short ext.default.svc.cluster.local')).toBe(
      'www.example.com.\n192.0.2.53\n',
    );
  });

  it('answers SRV for a headless named port: one record per endpoint, weight 33, hostname-less endpoints named by dashed IP', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- dig +short SRV _mysql._tcp.db.default.svc.cluster.local')).toBe(
      '0 33 3306 10-10-1-5.db.default.svc.cluster.local.\n0 33 3306 10-10-2-7.db.default.svc.cluster.local.\n0 33 3306 10-10-3-9.db.default.svc.cluster.local.\n',
    );
  });

  it('answers the PTR of the kube-dns ClusterIP with -x', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- dig -x 10.200.1.10 +short')).toBe(
      'kube-dns.kube-system.svc.cluster.local.\n',
    );
  });

  it('prints only answer records with +noall +answer', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- dig +noall +answer db.default.svc.cluster.local')).toBe(
      'db.default.svc.cluster.local. 30 IN\tA\t10.10.1.5\ndb.default.svc.cluster.local. 30 IN\tA\t10.10.2.7\ndb.default.svc.cluster.local. 30 IN\tA\t10.10.3.9\n',
    );
  });

  it('uses the search list with +search', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- dig +search +short web')).toBe('10.200.1.120\n');
  });
});

describe('host and getent', () => {
  it('host follows the ExternalName alias', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- host ext')).toBe(
      'ext.default.svc.cluster.local is an alias for www.example.com.\nwww.example.com has address 192.0.2.53\n',
    );
  });

  it('getent hosts prints one line per address, the address padded to 15 columns', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- getent hosts db')).toBe(
      '10.10.1.5       db.default.svc.cluster.local\n10.10.2.7       db.default.svc.cluster.local\n10.10.3.9       db.default.svc.cluster.local\n',
    );
    expect(await run('kubectl exec net -- getent hosts kube-dns.kube-system')).toBe(
      '10.200.1.10     kube-dns.kube-system.svc.cluster.local\n',
    );
  });

  it('getent hosts answers from /etc/hosts before DNS and exits 2 for an unknown name', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- getent hosts localhost')).toBe('127.0.0.1       localhost\n');
    expect(await run('kubectl exec net -- getent hosts nosuch; echo "exit $?"')).toBe(
      'command terminated with exit code 2\nexit 2\n',
    );
  });
});

describe('BusyBox nslookup in a busybox pod', () => {
  it('searches only dotless names, prints every candidate for A then AAAA, exits 1', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec bb -- nslookup web')).toBe(
      'Server:\t\t10.200.1.10\nAddress:\t10.200.1.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.200.1.120\n\n' +
        "** server can't find web.svc.cluster.local: NXDOMAIN\n\n** server can't find web.cluster.local: NXDOMAIN\n\n\n" +
        "** server can't find web.svc.cluster.local: NXDOMAIN\n\n** server can't find web.cluster.local: NXDOMAIN\n\ncommand terminated with exit code 1\n",
    );
  });

  it('does not search a dotted name: web.default fails (the "use busybox:1.28" trap)', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec bb -- nslookup web.default')).toBe(
      "Server:\t\t10.200.1.10\nAddress:\t10.200.1.10:53\n\n** server can't find web.default: NXDOMAIN\n\n** server can't find web.default: NXDOMAIN\n\ncommand terminated with exit code 1\n",
    );
  });
});

describe('pod resolv.conf', () => {
  it('is what kubelet writes for ClusterFirst: search list, kube-dns, ndots:5', async () => {
    const { run } = await dnsCluster();
    expect(await run('kubectl exec net -- cat /etc/resolv.conf')).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.200.1.10\noptions ndots:5\n',
    );
  });
});

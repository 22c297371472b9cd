import { describe, expect, it } from 'vitest';
import { parseIp } from '../net/addr';
import { Ipvs } from '../net/ipvs';
import { printLargenum, runIpvsadm } from './ipvsadm';

const ip = (s: string): number => parseIp(s)!;

/** The reference's generated example: 10.96.100.10:80 rr with three Masq real servers of weight 1. */
function webService(): Ipvs {
  const ipvs = new Ipvs();
  const vs = ipvs.addService({ proto: 'tcp', addr: ip('10.96.100.10'), port: 80, scheduler: 'rr' }, 0);
  for (const d of ['10.244.3.7', '10.244.2.6', '10.244.1.5'])
    ipvs.addDest(vs, { addr: ip(d), port: 8080, weight: 1, fwd: 'Masq' }, 0);
  return ipvs;
}

/** The reference 2.7 counters example: 10.96.100.10:80 rr with one Masq real server, 10.244.1.5:8080. */
function oneDestService() {
  const ipvs = new Ipvs();
  const vs = ipvs.addService({ proto: 'tcp', addr: ip('10.96.100.10'), port: 80, scheduler: 'rr' }, 0);
  const d = ipvs.addDest(vs, { addr: ip('10.244.1.5'), port: 8080, fwd: 'Masq' }, 0);
  return { ipvs, vs, d };
}

describe('ipvsadm -L', () => {
  it('prints the version line, the titles and each real server with trailing spaces (reference 2.7)', () => {
    const r = runIpvsadm(['-Ln'], webService(), 0);
    expect(r.stdout).toBe(
      'IP Virtual Server version 1.2.1 (size=4096)\n' +
        'Prot LocalAddress:Port Scheduler Flags\n' +
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n' +
        'TCP  10.96.100.10:80 rr\n' +
        '  -> 10.244.1.5:8080              Masq    1      0          0         \n' +
        '  -> 10.244.2.6:8080              Masq    1      0          0         \n' +
        '  -> 10.244.3.7:8080              Masq    1      0          0         \n',
    );
    expect(r.code).toBe(0);
  });

  it('lists kube-dns: TCP before UDP, addresses compared as signed 32-bit numbers, pod destinations in numeric order', () => {
    const ipvs = new Ipvs();
    const add = (proto: 'tcp' | 'udp', addr: string, port: number, dests: string[]): void => {
      const vs = ipvs.addService({ proto, addr: ip(addr), port, scheduler: 'rr' }, 0);
      for (const d of dests) ipvs.addDest(vs, { addr: ip(d), port: port === 443 ? 6443 : port, fwd: 'Masq' }, 0);
    };
    add('udp', '10.96.0.10', 53, ['10.244.169.160', '10.244.36.73']);
    add('tcp', '10.96.0.10', 9153, ['10.244.169.160', '10.244.36.73']);
    add('tcp', '127.0.0.1', 30005, []);
    add('tcp', '10.96.0.10', 53, ['10.244.169.160', '10.244.36.73']);
    add('tcp', '10.100.83.15', 443, []);
    add('tcp', '192.162.55.64', 30005, []);
    add('tcp', '10.96.0.1', 443, ['192.168.1.10']);
    add('tcp', '172.31.3.101', 30005, []);
    add('tcp', '172.17.0.1', 30005, []);
    expect(runIpvsadm(['-Ln'], ipvs, 0).stdout).toBe(
      'IP Virtual Server version 1.2.1 (size=4096)\n' +
        'Prot LocalAddress:Port Scheduler Flags\n' +
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n' +
        'TCP  172.17.0.1:30005 rr\n' +
        'TCP  172.31.3.101:30005 rr\n' +
        'TCP  192.162.55.64:30005 rr\n' +
        'TCP  10.96.0.1:443 rr\n' +
        '  -> 192.168.1.10:6443            Masq    1      0          0         \n' +
        'TCP  10.96.0.10:53 rr\n' +
        '  -> 10.244.36.73:53              Masq    1      0          0         \n' +
        '  -> 10.244.169.160:53            Masq    1      0          0         \n' +
        'TCP  10.96.0.10:9153 rr\n' +
        '  -> 10.244.36.73:9153            Masq    1      0          0         \n' +
        '  -> 10.244.169.160:9153          Masq    1      0          0         \n' +
        'TCP  10.100.83.15:443 rr\n' +
        'TCP  127.0.0.1:30005 rr\n' +
        'UDP  10.96.0.10:53 rr\n' +
        '  -> 10.244.36.73:53              Masq    1      0          0         \n' +
        '  -> 10.244.169.160:53            Masq    1      0          0         \n',
    );
  });

  it('prints one service without the version line for -t VIP:PORT', () => {
    expect(runIpvsadm(['-Ln', '-t', '10.96.100.10:80'], webService(), 0).stdout).toBe(
      'Prot LocalAddress:Port Scheduler Flags\n' +
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n' +
        'TCP  10.96.100.10:80 rr\n' +
        '  -> 10.244.1.5:8080              Masq    1      0          0         \n' +
        '  -> 10.244.2.6:8080              Masq    1      0          0         \n' +
        '  -> 10.244.3.7:8080              Masq    1      0          0         \n',
    );
  });

  it('says No such service on stderr with status 1 for a service that does not exist', () => {
    expect(runIpvsadm(['-Ln', '-t', '10.96.100.10:81'], webService(), 0)).toEqual({
      stdout: '',
      stderr: 'No such service\n',
      code: 1,
    });
  });

  it('shows persistence after the scheduler', () => {
    const ipvs = new Ipvs();
    ipvs.addService({ proto: 'tcp', addr: ip('10.96.0.5'), port: 80, scheduler: 'rr', persistent: 10800 }, 0);
    expect(runIpvsadm(['-Ln'], ipvs, 0).stdout.split('\n')[3]).toBe('TCP  10.96.0.5:80 rr persistent 10800');
  });

  it('prints the counters with --stats in 9-wide columns (reference 2.7 example)', () => {
    const { ipvs, vs, d } = oneDestService();
    vs.stats.counters = { conns: 3, inpkts: 18, outpkts: 12, inbytes: 1184, outbytes: 1632 };
    d.stats.counters = { conns: 1, inpkts: 6, outpkts: 4, inbytes: 394, outbytes: 544 };
    expect(runIpvsadm(['-Ln', '--stats'], ipvs, 0).stdout).toBe(
      'IP Virtual Server version 1.2.1 (size=4096)\n' +
        'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n' +
        '  -> RemoteAddress:Port\n' +
        'TCP  10.96.100.10:80                     3       18       12     1184     1632\n' +
        '  -> 10.244.1.5:8080                     1        6        4      394      544\n',
    );
  });

  it('prints the rates with --rate (reference 2.7 example)', () => {
    const { ipvs } = oneDestService();
    expect(runIpvsadm(['-Ln', '--rate'], ipvs, 0).stdout).toBe(
      'IP Virtual Server version 1.2.1 (size=4096)\n' +
        'Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS\n' +
        '  -> RemoteAddress:Port\n' +
        'TCP  10.96.100.10:80                     0        0        0        0        0\n' +
        '  -> 10.244.1.5:8080                     0        0        0        0        0\n',
    );
  });

  it('matches the column layout of a real --stats capture (REAL id 10527229723)', () => {
    const ipvs = new Ipvs();
    const vs = ipvs.addService({ proto: 'tcp', addr: ip('10.0.0.3'), port: 80, scheduler: 'rr' }, 0);
    vs.stats.counters = { conns: 8, inpkts: 132, outpkts: 0, inbytes: 34840, outbytes: 0 };
    expect(runIpvsadm(['-Ln', '--stats'], ipvs, 0).stdout.split('\n')[3]).toBe(
      'TCP  10.0.0.3:80                         8      132        0    34840        0',
    );
  });

  it('lists connections with -c and the timeouts with --timeout', () => {
    const ipvs = webService();
    const vs = ipvs.find('tcp', ip('10.96.100.10'), 80)!;
    const c = ipvs.newConnection(
      vs,
      { proto: 'tcp', src: ip('10.244.0.9'), sport: 47880, dst: ip('10.96.100.10'), dport: 80, length: 60, mark: 0 },
      0,
    )!;
    ipvs.setState(c, 'TIME_WAIT', 0);
    expect(runIpvsadm(['-Lnc'], ipvs, 5000).stdout).toBe(
      'IPVS connection entries\n' +
        'pro expire state       source             virtual            destination\n' +
        'TCP 01:55  TIME_WAIT   10.244.0.9:47880   10.96.100.10:80    10.244.1.5:8080\n',
    );
    expect(runIpvsadm(['-L', '--timeout'], ipvs, 0).stdout).toBe('Timeout (tcp tcpfin udp): 900 120 300\n');
  });

  it('saves the table as commands with -S', () => {
    expect(runIpvsadm(['-Sn'], webService(), 0).stdout).toBe(
      '-A -t 10.96.100.10:80 -s rr\n' +
        '-a -t 10.96.100.10:80 -r 10.244.1.5:8080 -m -w 1\n' +
        '-a -t 10.96.100.10:80 -r 10.244.2.6:8080 -m -w 1\n' +
        '-a -t 10.96.100.10:80 -r 10.244.3.7:8080 -m -w 1\n',
    );
  });

  it('adds and deletes services and real servers, with ipvs_strerror messages on failure', () => {
    const ipvs = new Ipvs();
    expect(runIpvsadm(['-A', '-t', '10.1.1.1:80', '-s', 'wrr'], ipvs, 0).code).toBe(0);
    expect(runIpvsadm(['-A', '-t', '10.1.1.1:80', '-s', 'wrr'], ipvs, 0)).toEqual({
      stdout: '',
      stderr: 'Service already exists\n',
      code: 1,
    });
    expect(runIpvsadm(['-a', '-t', '10.1.1.1:80', '-r', '10.2.2.2:8080', '-m', '-w', '3'], ipvs, 0).code).toBe(0);
    expect(runIpvsadm(['-a', '-t', '10.1.1.9:80', '-r', '10.2.2.2:8080', '-m'], ipvs, 0)).toEqual({
      stdout: '',
      stderr: 'Service not defined\n',
      code: 1,
    });
    expect(runIpvsadm(['-A', '-t', '10.1.1.2:80', '-s', 'bogus'], ipvs, 0).stderr).toBe(
      'Scheduler or persistence engine not found\n',
    );
    expect(runIpvsadm(['-Ln'], ipvs, 0).stdout.split('\n').slice(3)).toEqual([
      'TCP  10.1.1.1:80 wrr',
      '  -> 10.2.2.2:8080                Masq    3      0          0         ',
      '',
    ]);
    expect(runIpvsadm(['-d', '-t', '10.1.1.1:80', '-r', '10.2.2.3:8080'], ipvs, 0).stderr).toBe(
      'No such destination\n',
    );
    expect(runIpvsadm(['-D', '-t', '10.1.1.1:80'], ipvs, 0).code).toBe(0);
    expect(runIpvsadm(['-D', '-t', '10.1.1.1:80'], ipvs, 0).stderr).toBe('No such service\n');
  });
});

describe('ipvsadm --set (ipvsadm.c CMD_TIMEOUT, the kernel ip_vs_set_timeout)', () => {
  it('changes the three timeouts, 0 keeping a value, and -L --timeout shows them', () => {
    const ipvs = new Ipvs();
    expect(runIpvsadm(['--set', '3600', '0', '30'], ipvs, 0)).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(runIpvsadm(['-L', '--timeout'], ipvs, 0).stdout).toBe('Timeout (tcp tcpfin udp): 3600 120 30\n');
  });

  it('gives new established connections the new TCP timeout', () => {
    const ipvs = webService();
    runIpvsadm(['--set', '60', '0', '0'], ipvs, 0);
    const vs = ipvs.find('tcp', ip('10.96.100.10'), 80)!;
    const c = ipvs.newConnection(
      vs,
      { proto: 'tcp', src: ip('10.244.0.9'), sport: 47880, dst: ip('10.96.100.10'), dport: 80, length: 60, mark: 0 },
      0,
    )!;
    ipvs.setState(c, 'ESTABLISHED', 0);
    expect(runIpvsadm(['-Lnc'], ipvs, 0).stdout.split('\n')[2]).toBe(
      'TCP 01:00  ESTABLISHED 10.244.0.9:47880   10.96.100.10:80    10.244.1.5:8080',
    );
  });

  it('needs three values, each a number of seconds up to 31 days', () => {
    const ipvs = new Ipvs();
    expect(runIpvsadm(['--set', '900', '120'], ipvs, 0)).toEqual({
      stdout: '',
      stderr: '--set option requires 3 timeout values\n',
      code: 2,
    });
    expect(runIpvsadm(['--set', '900', 'x', '300'], ipvs, 0).stderr).toBe("invalid timeout value `x' specified\n");
    expect(runIpvsadm(['--set', '2678401', '0', '0'], ipvs, 0).stderr).toBe(
      "invalid timeout value `2678401' specified\n",
    );
    expect(runIpvsadm(['--set', '1', '2', '3', '4'], ipvs, 0).stderr).toBe('unexpected argument 4\n');
    expect(runIpvsadm(['-L', '--timeout'], ipvs, 0).stdout).toBe('Timeout (tcp tcpfin udp): 900 120 300\n');
  });

  it('takes no other option, and one command only', () => {
    const ipvs = new Ipvs();
    expect(runIpvsadm(['--set', '1', '2', '3', '-n'], ipvs, 0).stderr).toBe(
      "Illegal 'numeric' option with the 'set' command\n",
    );
    expect(runIpvsadm(['-L', '--set', '1', '2', '3'], ipvs, 0)).toEqual({
      stdout: '',
      stderr: 'multiple commands specified\n',
      code: 2,
    });
  });
});

describe('print_largenum', () => {
  it('switches to K, M, G and T with integer division, and widens with --exact', () => {
    expect(printLargenum(99999999, false)).toBe(' 99999999');
    expect(printLargenum(123456789, false)).toBe('  123456K');
    expect(printLargenum(12345678901, false)).toBe('   12345M');
    expect(printLargenum(123456789012, false)).toBe('     123G');
    expect(printLargenum(123456789012345, false)).toBe('     123T');
    expect(printLargenum(123456789, true)).toBe(' 123456789');
    expect(printLargenum(42, true)).toBe('       42');
  });
});

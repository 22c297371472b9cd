import { describe, expect, it } from 'vitest';
import { Emulator } from '../emulator';
import { resolvePath } from './vfs';

const host = { kind: 'host' } as const;
const node = { kind: 'node', node: 'myk8s-worker' } as const;

function emu() {
  return Emulator.create({ scenario: 'empty' });
}

describe('FileSystems', () => {
  it('keeps one tree per location', () => {
    const e = emu();
    e.files.write(host, '/home/learner/a', 'host\n');
    expect(e.files.read(host, '/home/learner/a')).toBe('host\n');
    expect(e.files.read(node, '/home/learner/a')).toBe('ENOENT');
    expect(e.files.read(node, '/etc/hostname')).toBe('myk8s-worker\n');
  });

  it('starts nodes with Debian bookworm and the host with Ubuntu 24.04', () => {
    const e = emu();
    expect((e.files.read(node, '/etc/os-release') as string).split('\n')[0]).toBe(
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
    );
    expect((e.files.read(host, '/etc/os-release') as string).split('\n')[0]).toBe('PRETTY_NAME="Ubuntu 24.04.1 LTS"');
  });

  it('refuses to write under a missing directory or over a directory', () => {
    const e = emu();
    expect(e.files.write(host, '/nope/f', 'x')).toBe('ENOENT');
    expect(e.files.write(host, '/etc', 'x')).toBe('EISDIR');
  });

  it('globs with hidden files excluded and results sorted', () => {
    const e = emu();
    for (const f of ['b.yaml', 'a.yaml', '.h.yaml', 'c.txt']) e.files.write(host, `/home/learner/${f}`, '');
    expect(e.files.glob(host, '/home/learner', '*.yaml')).toEqual(['a.yaml', 'b.yaml']);
    expect(e.files.glob(host, '/', '/etc/host*')).toEqual(['/etc/hostname', '/etc/hosts']);
  });

  it('snapshots only what learners changed', () => {
    const e = emu();
    e.files.read(node, '/etc/hostname');
    e.files.write(host, '/home/learner/x', 'hi');
    e.files.rm(host, '/etc/hosts');
    const snap = e.files.snapshot();
    expect(Object.keys(snap)).toEqual(['host']);
    expect(Object.keys(snap.host!.entries)).toEqual(['/home/learner/x']);
    expect(snap.host!.removed).toEqual(['/etc/hosts']);
    const copy = emu();
    copy.files.restore(JSON.parse(JSON.stringify(snap)));
    expect(copy.files.read(host, '/home/learner/x')).toBe('hi');
    expect(copy.files.read(host, '/etc/hosts')).toBe('ENOENT');
  });

  it('serves provider files at read time without storing them', () => {
    const e = emu();
    let value = '1\n';
    e.files.registerProvider({
      path: '/proc/sys/net/ipv4/ip_forward',
      kinds: ['node'],
      read: () => value,
      write: (_c, v) => void (value = v),
    });
    expect(e.files.read(node, '/proc/sys/net/ipv4/ip_forward')).toBe('1\n');
    expect(e.files.list(node, '/proc/sys')).toEqual(['net']);
    expect(e.files.write(node, '/proc/sys/net/ipv4/ip_forward', '0\n')).toBeUndefined();
    expect(e.files.read(node, '/proc/sys/net/ipv4/ip_forward')).toBe('0\n');
    expect(e.files.read(host, '/proc/sys/net/ipv4/ip_forward')).toBe('ENOENT');
    expect(e.files.snapshot()).toEqual({});
  });
});

describe('resolvePath', () => {
  it('normalises . and .. against the cwd', () => {
    expect(resolvePath('/home/learner', '../x/./y/..')).toBe('/home/x');
    expect(resolvePath('/a', '/b//c/')).toBe('/b/c');
    expect(resolvePath('/', '..')).toBe('/');
  });
});

describe('initial files', () => {
  const cp = { kind: 'node', node: 'myk8s-control-plane' } as const;
  const host = { kind: 'host' } as const;

  it('serves the model until written, then keeps what was written, through snapshots', () => {
    const e = Emulator.create({ scenario: 'kind-iptables' });
    const kubeconfig = e.files.read(host, '/home/learner/.kube/config') as string;
    expect(kubeconfig).toContain('current-context: kind-myk8s');
    expect(e.files.stat(host, '/home/learner/.kube/config')?.mode).toBe(0o600);
    expect(e.files.write(host, '/home/learner/.kube/config', 'edited\n')).toBeUndefined();
    expect(e.files.read(host, '/home/learner/.kube/config')).toBe('edited\n');
    expect(e.clone().files.read(host, '/home/learner/.kube/config')).toBe('edited\n');
  });

  it('lets files be written beside them and removed', () => {
    const e = Emulator.create({ scenario: 'kind-iptables' });
    expect(e.files.list(cp, '/etc/kubernetes/pki')).toContain('ca.key');
    expect(e.files.write(cp, '/etc/kubernetes/pki/dev.crt', 'x')).toBeUndefined();
    expect(e.files.rm(cp, '/etc/kubernetes/pki/ca.key')).toBeUndefined();
    const names = e.files.list(cp, '/etc/kubernetes/pki') as string[];
    expect(names).toContain('dev.crt');
    expect(names).not.toContain('ca.key');
    expect(e.files.read(cp, '/etc/kubernetes/pki/ca.key')).toBe('ENOENT');
    expect(e.clone().files.read(cp, '/etc/kubernetes/pki/ca.key')).toBe('ENOENT');
  });
});

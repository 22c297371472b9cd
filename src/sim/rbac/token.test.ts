import { describe, expect, it } from 'vitest';
import { Emulator } from '../emulator';
import { authenticateToken, decodeToken, podToken, requestToken } from './token';

function setup() {
  const emu = Emulator.create({ scenario: 'kind-iptables' });
  emu.cluster.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'app', namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
  });
  emu.advanceTime(10_000);
  const pod = emu.store.get('pods', 'default', 'app')!;
  const sa = emu.store.get('serviceaccounts', 'default', 'default')!;
  return { emu, pod, sa };
}

function payload(token: string): Record<string, unknown> {
  const p = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(p + '='.repeat((4 - (p.length % 4)) % 4)));
}

describe('service-account tokens', () => {
  it('is a three-part base64url JWT whose header names RS256 and a key id', () => {
    const { emu, pod, sa } = setup();
    const t = podToken(emu.cluster, pod, sa);
    expect(t).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{342}$/);
    const header = JSON.parse(atob(t.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/')));
    expect(Object.keys(header)).toEqual(['alg', 'kid']);
    expect(header.alg).toBe('RS256');
    expect(header.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('binds a pod token to the pod, its node and its service account, valid a year with warnafter at 3607 s', () => {
    const { emu, pod, sa } = setup();
    const c = payload(podToken(emu.cluster, pod, sa)) as any;
    expect(Object.keys(c)).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
    expect(c.iss).toBe('https://kubernetes.default.svc.cluster.local');
    expect(c.aud).toEqual(['https://kubernetes.default.svc.cluster.local']);
    expect(c.sub).toBe('system:serviceaccount:default:default');
    expect(c['kubernetes.io'].pod).toEqual({ name: 'app', uid: pod.metadata.uid });
    expect(c['kubernetes.io'].node.name).toBe(pod.spec.nodeName);
    expect(c['kubernetes.io'].serviceaccount).toEqual({ name: 'default', uid: sa.metadata.uid });
    expect(c.exp - c.iat).toBe(365 * 24 * 3600);
    expect(c['kubernetes.io'].warnafter - c.iat).toBe(3607);
  });

  it('gives the same token for the same pod until the kubelet rotates it a day later', () => {
    const { emu, pod, sa } = setup();
    const first = podToken(emu.cluster, pod, sa);
    emu.clock.advance(3600_000);
    expect(podToken(emu.cluster, pod, sa)).toBe(first);
    emu.clock.advance(24 * 3600_000);
    expect(podToken(emu.cluster, pod, sa)).not.toBe(first);
  });

  it('authenticates a pod token as the service account with the pod in its extra', () => {
    const { emu, pod, sa } = setup();
    const user = authenticateToken(emu.cluster, podToken(emu.cluster, pod, sa))!;
    expect(user.name).toBe('system:serviceaccount:default:default');
    expect(user.groups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated']);
    expect(user.extra?.['authentication.kubernetes.io/pod-name']).toEqual(['app']);
  });

  it('rejects a token whose payload was edited', () => {
    const { emu, pod, sa } = setup();
    const [h, , s] = podToken(emu.cluster, pod, sa).split('.');
    const forged = btoa(
      JSON.stringify({ ...payload(podToken(emu.cluster, pod, sa)), sub: 'system:serviceaccount:kube-system:admin' }),
    ).replace(/=+$/, '');
    expect(authenticateToken(emu.cluster, `${h}.${forged}.${s}`)).toBeUndefined();
    expect(decodeToken(emu.cluster, 'not-a-token')).toBeUndefined();
  });

  it('stops authenticating a pod token once the pod is gone', () => {
    const { emu, pod, sa } = setup();
    const t = podToken(emu.cluster, pod, sa);
    emu.cluster.delete('pods', 'default', 'app', { gracePeriodSeconds: 0 });
    expect(authenticateToken(emu.cluster, t)).toBeUndefined();
  });

  it('lets a requested token expire after its duration', () => {
    const { emu, sa } = setup();
    const t = requestToken(emu.cluster, sa, { seconds: 600 });
    expect(authenticateToken(emu.cluster, t)?.name).toBe('system:serviceaccount:default:default');
    emu.clock.advance(601_000);
    expect(authenticateToken(emu.cluster, t)).toBeUndefined();
  });

  it('survives a snapshot: a clone reads the same token and accepts it', () => {
    const { emu, pod, sa } = setup();
    const copy = emu.clone();
    const t = podToken(
      copy.cluster,
      copy.store.get('pods', 'default', 'app')!,
      copy.store.get('serviceaccounts', 'default', 'default')!,
    );
    expect(t).toBe(podToken(emu.cluster, pod, sa));
    expect(authenticateToken(copy.cluster, t)?.name).toBe('system:serviceaccount:default:default');
  });

  it('is the same for the same seed and lines', () => {
    const a = setup();
    const b = setup();
    expect(podToken(a.emu.cluster, a.pod, a.sa)).toBe(podToken(b.emu.cluster, b.pod, b.sa));
  });
});

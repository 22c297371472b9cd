import { describe, expect, it } from 'vitest';
import { Emulator } from '../emulator';
import { freshSession, runLines, runFreshIn } from '../shell/testing';

const pod = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra },
});

describe('ServiceAccount admission: the kube-api-access volume', () => {
  it('adds the projected volume and a read-only mount in every container', () => {
    const emu = Emulator.create({ scenario: 'kind-iptables' });
    const p = emu.cluster.create(pod('web'));
    const vol = p.spec.volumes[0];
    expect(vol.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vol.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        {
          downwardAPI: {
            items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
          },
        },
      ],
    });
    expect(p.spec.containers[0].volumeMounts).toEqual([
      { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol.name, readOnly: true },
    ]);
  });

  it('adds nothing when the pod opts out, or its service account does and the pod is silent', () => {
    const emu = Emulator.create({ scenario: 'kind-iptables' });
    expect(emu.cluster.create(pod('a', { automountServiceAccountToken: false })).spec.volumes).toBeUndefined();
    emu.cluster.create({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'quiet', namespace: 'default' },
      automountServiceAccountToken: false,
    });
    expect(emu.cluster.create(pod('b', { serviceAccountName: 'quiet' })).spec.volumes).toBeUndefined();
    expect(
      emu.cluster.create(pod('c', { serviceAccountName: 'quiet', automountServiceAccountToken: true })).spec.volumes,
    ).toHaveLength(1);
  });

  it('leaves static pods mirrored by the kubelet without one', () => {
    const emu = Emulator.create({ scenario: 'kind-iptables' });
    expect(
      (emu.store.get('pods', 'kube-system', 'kube-apiserver-myk8s-control-plane')!.spec.volumes ?? []).some(
        (v: { name: string }) => v.name.startsWith('kube-api-access-'),
      ),
    ).toBe(false);
  });

  it('keeps the volume when the pod manifest is applied again', async () => {
    const { emu, sh } = freshSession('kind-iptables');
    await runLines(sh, ['kubectl run web --image=nginx', 'kubectl label pod web tier=front']);
    expect(emu.store.get('pods', 'default', 'web')!.spec.volumes).toHaveLength(1);
  });

  it('serves the token files only in pods that mount them', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      'kubectl run on --image=nicolaka/netshoot -- sleep infinity >/dev/null',
      `kubectl apply -f - <<EOF >/dev/null
apiVersion: v1
kind: Pod
metadata: {name: off}
spec:
  automountServiceAccountToken: false
  containers: [{name: off, image: nicolaka/netshoot, args: [sleep, infinity]}]
EOF`,
      'sleep 10',
      'kubectl exec on -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace; echo',
      'kubectl exec off -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace',
    );
    expect(out).toBe(
      'default\ncat: /var/run/secrets/kubernetes.io/serviceaccount/namespace: No such file or directory\ncommand terminated with exit code 1\n',
    );
  });
});

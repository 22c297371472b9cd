/**
 * The DaemonSet controller's RollingUpdate (pkg/controller/daemon/update.go: maxSurge 0,
 * maxUnavailable 1 by default) and what `kubectl rollout status` prints meanwhile (kubectl's
 * DaemonSetStatusViewer texts).
 */
import { describe, expect, it } from 'vitest';
import { freshSession, runLines } from '../../shell/testing';

describe('DaemonSet rolling update', () => {
  it('replaces the pods of a restarted DaemonSet one node at a time, as rollout status reports', async () => {
    const { sh } = freshSession('kind-ipvs', 1);
    const before = await runLines(sh, ['kubectl -n kube-system get pod -l k8s-app=kube-proxy -o name | sort']);
    const out = await runLines(sh, [
      'kubectl -n kube-system rollout restart daemonset kube-proxy',
      'kubectl -n kube-system rollout status daemonset kube-proxy',
    ]);
    expect(out).toBe(
      'daemonset.apps/kube-proxy restarted\n' +
        'Waiting for daemon set "kube-proxy" rollout to finish: 1 out of 4 new pods have been updated...\n' +
        'Waiting for daemon set "kube-proxy" rollout to finish: 2 out of 4 new pods have been updated...\n' +
        'Waiting for daemon set "kube-proxy" rollout to finish: 3 out of 4 new pods have been updated...\n' +
        'Waiting for daemon set "kube-proxy" rollout to finish: 3 of 4 updated pods are available...\n' +
        'daemon set "kube-proxy" successfully rolled out\n',
    );
    const after = await runLines(sh, ['kubectl -n kube-system get pod -l k8s-app=kube-proxy -o name | sort']);
    const names = (s: string) => s.trim().split('\n');
    expect(names(after)).toHaveLength(4);
    expect(names(after).filter((n) => names(before).includes(n))).toEqual([]);
    const events = await runLines(sh, [
      'kubectl -n kube-system get events --field-selector involvedObject.name=kube-proxy -o jsonpath=\'{range .items[*]}{.reason}{"\\n"}{end}\' | tail -8',
    ]);
    expect(events.trim().split('\n')).toEqual(Array(4).fill(['SuccessfulDelete', 'SuccessfulCreate']).flat());
  });

  it('counts only pods of the current template as updated', async () => {
    const { sh } = freshSession('kind-ipvs', 1);
    const out = await runLines(sh, [
      'kubectl -n kube-system rollout restart daemonset kube-proxy >/dev/null',
      "kubectl -n kube-system get daemonset kube-proxy -o jsonpath='{.status.updatedNumberScheduled}/{.status.desiredNumberScheduled}'",
    ]);
    expect(out).toBe('1/4'); // the first node's pod was replaced at once; the other three wait their turn
  });

  it('leaves the pods alone with updateStrategy OnDelete', async () => {
    const { sh } = freshSession('kind-ipvs', 1);
    const before = await runLines(sh, ['kubectl -n kube-system get pod -l k8s-app=kube-proxy -o name | sort']);
    await runLines(sh, [
      `kubectl -n kube-system patch daemonset kube-proxy -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'`,
      'kubectl -n kube-system rollout restart daemonset kube-proxy',
      'sleep 30',
    ]);
    expect(await runLines(sh, ['kubectl -n kube-system get pod -l k8s-app=kube-proxy -o name | sort'])).toBe(before);
  });
});

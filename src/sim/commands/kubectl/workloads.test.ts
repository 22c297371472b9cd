/** `kubectl run --overrides`: the generated Pod patched before it is created (kubectl's Overrider). */
import { describe, expect, it } from 'vitest';
import { runFreshIn } from '../../shell/testing';

describe('kubectl run --overrides', () => {
  it('places the pod on the node the override names', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      `kubectl run pinned --image=nicolaka/netshoot --overrides='{"spec":{"nodeName":"myk8s-control-plane"}}' -- sleep infinity`,
      "kubectl get pod pinned -o jsonpath='{.spec.nodeName}'",
    );
    expect(out).toBe('pod/pinned created\nmyk8s-control-plane');
  });

  it('replaces the containers list whole with the default merge type', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      `kubectl run m1 --image=nginx --overrides='{"spec":{"containers":[{"name":"other","image":"busybox"}]}}'`,
      "kubectl get pod m1 -o jsonpath='{.spec.containers[*].name} {.spec.containers[*].image}'",
    );
    expect(out).toBe('pod/m1 created\nother busybox');
  });

  it('merges containers by name with --override-type=strategic', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      `kubectl run s1 --image=nginx --override-type=strategic --overrides='{"spec":{"containers":[{"name":"s1","stdin":true}]}}'`,
      "kubectl get pod s1 -o jsonpath='{.spec.containers[0].name} {.spec.containers[0].image} {.spec.containers[0].stdin}'",
    );
    expect(out).toBe('pod/s1 created\ns1 nginx true');
  });

  it('refuses an override that is not JSON', async () => {
    expect(
      await runFreshIn(
        'kind-iptables',
        `kubectl run bad --image=nginx --overrides='{spec'; echo $?`,
        'kubectl get pod bad',
      ),
    ).toBe('error: Invalid JSON Patch\n1\nError from server (NotFound): pods "bad" not found\n');
  });
});

describe('kubectl run --overrides: the pod it creates runs', () => {
  it('starts a pod pinned by an override on the node it names', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      `kubectl run pinned --image=nicolaka/netshoot --overrides='{"spec":{"nodeName":"myk8s-control-plane"}}' -- sleep infinity`,
      'sleep 10',
      "kubectl get pod pinned -o jsonpath='{.status.phase} {.spec.nodeName} {.status.containerStatuses[0].ready}'",
    );
    expect(out).toBe('pod/pinned created\nRunning myk8s-control-plane true');
  });

  it('keeps the API server status, not the status the client sent', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      `kubectl run p --image=nginx --overrides='{"status":{"phase":"Succeeded"}}'`,
      "kubectl get pod p -o jsonpath='{.status.phase}'",
    );
    expect(out).toBe('pod/p created\nPending');
  });
});

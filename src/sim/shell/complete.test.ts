import { describe, expect, it } from 'vitest';
import { addNodes, freshSession, runLines } from './testing';

describe('Tab completion', () => {
  it('completes command names available here, aliases included', () => {
    const { sh } = freshSession();
    expect(sh.complete('ec', 2)).toEqual({ start: 0, candidates: ['echo'] });
    expect(sh.complete('ex', 2).candidates).toEqual(['exec', 'exit', 'export', 'expr']);
    expect(sh.complete('k', 1).candidates).toContain('k');
  });

  it('completes flags from the registry', () => {
    const { sh } = freshSession();
    expect(sh.complete('uniq -', 6)).toEqual({
      start: 5,
      candidates: ['--count', '--repeated', '--unique', '-c', '-d', '-u'],
    });
  });

  it('completes subcommands and container names for docker', () => {
    const { emu, sh } = freshSession();
    addNodes(emu, ['myk8s-worker', 'myk8s-worker2']);
    expect(sh.complete('docker e', 8).candidates).toEqual(['exec']);
    expect(sh.complete('docker exec -it myk8s-w', 23)).toEqual({
      start: 16,
      candidates: ['myk8s-worker', 'myk8s-worker2'],
    });
  });

  it('completes file names, directories with a slash, after a pipe too', async () => {
    const { sh } = freshSession();
    await runLines(sh, ['mkdir svc; touch svc-clusterip.yaml']);
    expect(sh.complete('echo x | cat sv', 15)).toEqual({ start: 13, candidates: ['svc-clusterip.yaml', 'svc/'] });
  });

  it('completes namespaces after -n and --namespace (also --namespace=), not file names', async () => {
    const { sh } = freshSession('kind-iptables');
    await runLines(sh, ['touch kube-notes.txt']);
    expect(sh.complete('kubectl get pods -n kube', 24)).toEqual({
      start: 20,
      candidates: ['kube-node-lease', 'kube-public', 'kube-system'],
    });
    expect(sh.complete('kubectl get pods --namespace def', 32).candidates).toEqual(['default']);
    expect(sh.complete('kubectl get pods --namespace=kube-s', 35)).toEqual({
      start: 17,
      candidates: ['--namespace=kube-system'],
    });
  });

  it('lists the resource types an ambiguous prefix could be, for the second Tab', () => {
    const { sh } = freshSession('kind-iptables');
    expect(sh.complete('kubectl get po', 14).candidates).toEqual(
      expect.arrayContaining(['pod', 'pods', 'podtemplates']),
    );
  });
});

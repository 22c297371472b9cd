/**
 * Golden transcripts for kubectl's errors (facts-kubeproxy-kubectl §3.7 and §4.2, cobra/pflag):
 * text on stderr, nothing on stdout, and kubectl's exit codes.
 */
import { describe, expect, it } from 'vitest';
import { KubectlHarness } from './kubectl-harness';

async function run(line: string, setup?: (h: KubectlHarness) => Promise<void> | void) {
  const h = KubectlHarness.scenario('kind-iptables', 1);
  await setup?.(h);
  return h.run(line);
}

const fail = (stderr: string, code = 1) => ({ stdout: '', stderr, code });

describe('kubectl errors', () => {
  it('asks for a resource type when get has none', async () => {
    expect(await run('kubectl get')).toEqual(
      fail(`You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`),
    );
  });

  it('rejects an unknown resource type', async () => {
    expect(await run('kubectl get foo')).toEqual(fail('error: the server doesn\'t have a resource type "foo"\n'));
  });

  it('rejects an unknown long flag with the help hint', async () => {
    expect(await run('kubectl get pods --foo')).toEqual(
      fail("error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"),
    );
  });

  it('rejects an unknown shorthand flag', async () => {
    expect(await run('kubectl get pods -z')).toEqual(
      fail("error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n"),
    );
  });

  it('says a flag needs an argument', async () => {
    expect(await run('kubectl get pods -n')).toEqual(
      fail("error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n"),
    );
  });

  it('reports NotFound with the group-qualified resource', async () => {
    expect(await run('kubectl get pod nope')).toEqual(fail('Error from server (NotFound): pods "nope" not found\n'));
    expect(await run('kubectl get deploy nope -n kube-system')).toEqual(
      fail('Error from server (NotFound): deployments.apps "nope" not found\n'),
    );
    expect(await run('kubectl delete role nope')).toEqual(
      fail('Error from server (NotFound): roles.rbac.authorization.k8s.io "nope" not found\n'),
    );
  });

  it('reports AlreadyExists for create namespace', async () => {
    expect(await run('kubectl create namespace default')).toEqual(
      fail('Error from server (AlreadyExists): namespaces "default" already exists\n'),
    );
  });

  it('reports a missing namespace', async () => {
    expect(await run('kubectl create deployment web --image=nginx -n nope')).toEqual(
      fail('Error from server (NotFound): namespaces "nope" not found\n'),
    );
  });

  it('keeps the status of create role but wraps create rolebinding and serviceaccount', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    expect(
      (await h.run('kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods')).stdout,
    ).toBe('role.rbac.authorization.k8s.io/pod-reader created\n');
    expect(await h.run('kubectl create role pod-reader --verb=get --resource=pods')).toEqual(
      fail('Error from server (AlreadyExists): roles.rbac.authorization.k8s.io "pod-reader" already exists\n'),
    );
    expect(
      (await h.run('kubectl create rolebinding read-pods --role=pod-reader --serviceaccount=default:default')).stdout,
    ).toBe('rolebinding.rbac.authorization.k8s.io/read-pods created\n');
    expect(
      await h.run('kubectl create rolebinding read-pods --role=pod-reader --serviceaccount=default:default'),
    ).toEqual(
      fail('error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "read-pods" already exists\n'),
    );
    expect((await h.run('kubectl create sa sa1')).stdout).toBe('serviceaccount/sa1 created\n');
    expect(await h.run('kubectl create sa sa1')).toEqual(
      fail('error: failed to create serviceaccount: serviceaccounts "sa1" already exists\n'),
    );
  });

  it('validates create role and rolebinding flags', async () => {
    expect(await run('kubectl create role r --verb=get')).toEqual(
      fail('error: at least one resource must be specified\n'),
    );
    expect(await run('kubectl create role r --resource=pods')).toEqual(
      fail('error: at least one verb must be specified\n'),
    );
    expect(await run('kubectl create rolebinding b --serviceaccount=default:default')).toEqual(
      fail('error: exactly one of clusterrole or role must be specified\n'),
    );
    expect(await run('kubectl create rolebinding b --role=r --serviceaccount=default')).toEqual(
      fail('error: serviceaccount must be <namespace>:<name>\n'),
    );
  });

  it('rejects the old exec form without --', async () => {
    expect(await run('kubectl exec request-pod -it /bin/bash')).toEqual(
      fail(
        "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
      ),
    );
  });

  it('explains how to name what to delete', async () => {
    expect(await run('kubectl delete')).toEqual(
      fail(`error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`),
    );
    expect(await run('kubectl delete pod')).toEqual(
      fail('error: resource(s) were provided, but no name was specified\n'),
    );
  });

  it('requires --replicas for scale', async () => {
    expect(await run('kubectl scale deploy coredns -n kube-system')).toEqual(
      fail('error: required flag(s) "replicas" not set\n'),
    );
  });

  it('rejects an unknown verb and names the ones not emulated', async () => {
    expect(await run('kubectl foo')).toEqual(fail('error: unknown command "foo" for "kubectl"\n'));
    expect(await run('kubectl port-forward svc/x 8080:80')).toEqual(
      fail('netlab: kubectl port-forward is not emulated\n'),
    );
  });

  it('reports a missing manifest file', async () => {
    expect(await run('kubectl apply -f missing.yaml')).toEqual(fail('error: the path "missing.yaml" does not exist\n'));
  });

  it('reports a manifest without kind', async () => {
    const r = await run('kubectl apply -f nokind.yaml', (h) =>
      h.writeFile('nokind.yaml', 'apiVersion: v1\nmetadata:\n  name: x\n'),
    );
    expect(r).toEqual(
      fail(
        'error: error validating "nokind.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
      ),
    );
  });

  it('reports an unknown kind as a resource mapping error', async () => {
    const r = await run('kubectl apply -f foo.yaml', (h) =>
      h.writeFile('foo.yaml', 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n'),
    );
    expect(r).toEqual(
      fail(
        'error: resource mapping not found for name: "x" namespace: "" from "foo.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
      ),
    );
  });

  it('reports the API server validation of a Service without ports', async () => {
    const r = await run('kubectl apply -f svc.yaml', (h) =>
      h.writeFile('svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  selector:\n    a: b\n'),
    );
    expect(r).toEqual(fail('The Service "x" is invalid: spec.ports: Required value\n'));
  });

  it('says the connection is refused when there is no cluster', async () => {
    const h = new KubectlHarness((await import('../../src/sim/emulator')).Emulator.create({ scenario: 'empty' }));
    expect(await h.run('kubectl get pods')).toEqual(
      fail('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n'),
    );
  });
});

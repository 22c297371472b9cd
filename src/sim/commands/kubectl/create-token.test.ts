/**
 * `kubectl create token`: the client's
 * own checks are create_token.go's Validate, their texts taken from kubectl 1.31 itself; the
 * server's are TokenREST (pkg/registry/core/serviceaccount/storage/token.go) and
 * ValidateTokenRequest; a bound or audience-scoped token is then accepted or refused as the
 * service-account authenticator does (pkg/serviceaccount/claims.go).
 */
import { describe, expect, it } from 'vitest';
import { labSession, runFreshIn } from '../../shell/testing';

describe('kubectl create token: client-side checks (kubectl 1.31)', () => {
  it.each([
    ['--duration=-1s', 'error: --duration must be greater than or equal to 0\n'],
    ['--duration=1.5s', 'error: --duration cannot be expressed in units less than seconds\n'],
    ['--duration=1h1ms', 'error: --duration cannot be expressed in units less than seconds\n'],
    [
      '--duration=5',
      'error: invalid argument "5" for "--duration" flag: time: missing unit in duration "5"\n' +
        "See 'kubectl create token --help' for usage.\n",
    ],
    [
      '--duration=abc',
      'error: invalid argument "abc" for "--duration" flag: time: invalid duration "abc"\n' +
        "See 'kubectl create token --help' for usage.\n",
    ],
    ['--duration=-1.5s --audience=', 'error: --duration must be greater than or equal to 0\n'],
    ['--audience= --bound-object-name=x', 'error: --audience must not be an empty string\n'],
    [
      '--bound-object-kind=pod --bound-object-name=x',
      'error: supported --bound-object-kind values are Node, Pod, Secret\n',
    ],
    ['--bound-object-kind=Pod', 'error: --bound-object-name is required if --bound-object-kind is provided\n'],
    ['--bound-object-name=x', 'error: --bound-object-name can only be set if --bound-object-kind is provided\n'],
    ['--bound-object-uid=x', 'error: --bound-object-uid can only be set if --bound-object-kind is provided\n'],
  ])('refuses %s', async (flags, text) => {
    expect(await runFreshIn('kind-iptables', `kubectl create token default ${flags}; echo $?`)).toBe(`${text}1\n`);
  });

  it('has no --dry-run, and says -o is not emulated rather than ignoring it', async () => {
    expect(
      await runFreshIn(
        'kind-iptables',
        'kubectl create token default --dry-run=client',
        'kubectl create token default -o yaml; echo $?',
      ),
    ).toBe(
      "error: unknown flag: --dry-run\nSee 'kubectl create token --help' for usage.\n" +
        'error: netlab: kubectl create token -o is not emulated\n1\n',
    );
  });
});

describe('kubectl create token: the TokenRequest on the API server', () => {
  it('refuses a lifetime under 10 minutes (ValidateTokenRequest)', async () => {
    expect(await runFreshIn('kind-iptables', 'kubectl create token default --duration=1m')).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes\n',
    );
  });

  it('binds only to an existing object, a pod only for the account it runs as, a uid only if it is the object’s', async () => {
    const { run } = await labSession('kind-iptables', ['kubectl run web --image=nginx', 'kubectl create sa other']);
    expect(
      await run(
        'kubectl create token default --bound-object-kind=Pod --bound-object-name=nope',
        'kubectl create token other --bound-object-kind=Pod --bound-object-name=web',
        'kubectl create token default --bound-object-kind=Pod --bound-object-name=web --bound-object-uid=123',
        'kubectl create token default --bound-object-kind=Secret --bound-object-name=nope',
      ),
    ).toBe(
      'error: failed to create token: pods "nope" not found\n' +
        'error: failed to create token: cannot bind token for serviceaccount "other" to pod running with different serviceaccount name.\n' +
        'error: failed to create token: Operation cannot be fulfilled on Pod "web": the UID in the bound object reference (123) does not match the UID in record. The object might have been deleted and then recreated\n' +
        'error: failed to create token: secrets "nope" not found\n',
    );
  });

  it('makes a pod-bound token that names the pod and its node and dies with the pod', async () => {
    const { run } = await labSession('kind-iptables', ['kubectl run web --image=nginx', 'sleep 5']);
    const out = await run(
      'T=$(kubectl create token default --bound-object-kind=Pod --bound-object-name=web)',
      'kubectl --token=$T auth whoami | grep -o "Extra: [a-z./-]*" ',
      'kubectl --token=$T auth whoami | grep -c "$(kubectl get pod web -o jsonpath={.spec.nodeName})"',
      'kubectl delete pod web --now >/dev/null',
      'kubectl --token=$T auth whoami',
    );
    expect(out).toBe(
      'Extra: authentication.kubernetes.io/credential-id\n' +
        'Extra: authentication.kubernetes.io/node-name\n' +
        'Extra: authentication.kubernetes.io/node-uid\n' +
        'Extra: authentication.kubernetes.io/pod-name\n' +
        'Extra: authentication.kubernetes.io/pod-uid\n' +
        '1\n' +
        'error: You must be logged in to the server (Unauthorized)\n',
    );
  });

  it('makes a Secret-bound token that dies with the Secret, and a node-bound one that names the node', async () => {
    const { run } = await labSession('kind-iptables', ['kubectl create secret generic s --from-literal=a=b']);
    const out = await run(
      'S=$(kubectl create token default --bound-object-kind=Secret --bound-object-name=s)',
      'kubectl --token=$S auth whoami | sed -n 2p',
      'kubectl delete secret s >/dev/null',
      'kubectl --token=$S auth whoami',
      'N=$(kubectl create token default --bound-object-kind=Node --bound-object-name=myk8s-worker)',
      'kubectl --token=$N auth whoami | grep node-name',
    );
    expect(out).toBe(
      'Username                                            system:serviceaccount:default:default\n' +
        'error: You must be logged in to the server (Unauthorized)\n' +
        'Extra: authentication.kubernetes.io/node-name       [myk8s-worker]\n',
    );
  });

  it('gives a token for another audience that the API server refuses, and one for several that it takes', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      'V=$(kubectl create token default --audience=vault)',
      'kubectl --token=$V auth whoami',
      'B=$(kubectl create token default --audience=vault --audience=https://kubernetes.default.svc.cluster.local)',
      'kubectl --token=$B auth whoami | sed -n 2p',
    );
    expect(out).toBe(
      'error: You must be logged in to the server (Unauthorized)\n' +
        'Username                                            system:serviceaccount:default:default\n',
    );
  });
});

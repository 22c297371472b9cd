/**
 * RoleBindings from kubectl: `create rolebinding|clusterrolebinding` take every repeated subject flag
 * (their own --user shadows kubectl's global one; expected text from kubectl 1.31 --dry-run=client),
 * and the API server refuses to change a binding's roleRef (pkg/apis/rbac/validation).
 */
import { describe, expect, it } from 'vitest';
import { labSession, runFreshIn } from '../../shell/testing';

describe('kubectl create rolebinding: its own repeatable --user shadows the global one', () => {
  it('binds every --user, --group and --serviceaccount given, in that order (kubectl 1.31 --dry-run=client)', async () => {
    expect(
      await runFreshIn(
        'kind-iptables',
        "kubectl create rolebinding x --role=r --user=a --user=b --group=g -n ns --dry-run=client -o jsonpath='{.subjects}'",
      ),
    ).toBe(
      '[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"a"},{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"b"},{"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"g"}]',
    );
  });
});

describe('a binding names one role for good', () => {
  it('refuses to change roleRef with the API server’s text (kubernetes/kubernetes#66353)', async () => {
    const { run } = await labSession('kind-iptables', [
      'kubectl create role a --verb=get --resource=pods',
      'kubectl create role b --verb=list --resource=pods',
      'kubectl create rolebinding x --role=a --user=u',
    ]);
    expect(await run(`kubectl patch rolebinding x --type=merge -p '{"roleRef":{"name":"b"}}'`)).toBe(
      'The RoleBinding "x" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"b"}: cannot change roleRef\n',
    );
  });
});

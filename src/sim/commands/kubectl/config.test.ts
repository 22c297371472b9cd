/**
 * `kubectl config` against the real kubectl 1.31: the expected texts below are what kubectl.1.31
 * printed for the same command lines on a scratch KUBECONFIG holding kind's entries (certificates
 * embedded from src/sim/pki/testdata), written out here by hand from that run.
 */
import { describe, expect, it } from 'vitest';
import { runFreshIn } from '../../shell/testing';

/** The learner's ~/.kube/config as kind wrote it, plus a `dev` user whose files sit in ~/.kube. */
const SETUP = [
  'cd ~/.kube',
  'kubectl config set-credentials dev --client-certificate=/home/learner/.kube/dev.crt --client-key=/home/learner/.kube/dev.key',
  'kubectl config set-context dev@kind-myk8s --cluster=kind-myk8s --user=dev --namespace=dev-team',
];

describe('kubectl config', () => {
  it('creates, lists and switches contexts as kubectl 1.31 prints them', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      ...SETUP,
      'kubectl config get-contexts',
      'kubectl config get-contexts dev@kind-myk8s',
      'kubectl config get-contexts -o name',
      'kubectl config get-users',
      'kubectl config get-clusters',
      'kubectl config use-context dev@kind-myk8s',
      'kubectl config current-context',
    );
    expect(out).toBe(
      'User "dev" set.\n' +
        'Context "dev@kind-myk8s" created.\n' +
        'CURRENT   NAME             CLUSTER      AUTHINFO     NAMESPACE\n' +
        '          dev@kind-myk8s   kind-myk8s   dev          dev-team\n' +
        '*         kind-myk8s       kind-myk8s   kind-myk8s   \n' +
        'CURRENT   NAME             CLUSTER      AUTHINFO   NAMESPACE\n' +
        '          dev@kind-myk8s   kind-myk8s   dev        dev-team\n' +
        'dev@kind-myk8s\n' +
        'kind-myk8s\n' +
        'NAME\ndev\nkind-myk8s\n' +
        'NAME\nkind-myk8s\n' +
        'Switched to context "dev@kind-myk8s".\n' +
        'dev@kind-myk8s\n',
    );
  });

  it('shows the current context only with --minify, paths relative to the kubeconfig and data omitted', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      ...SETUP,
      'kubectl config use-context dev@kind-myk8s',
      'kubectl config view --minify',
    );
    expect(out.split('Switched to context "dev@kind-myk8s".\n')[1]).toBe(
      'apiVersion: v1\n' +
        'clusters:\n' +
        '- cluster:\n' +
        '    certificate-authority-data: DATA+OMITTED\n' +
        '    server: https://127.0.0.1:38687\n' +
        '  name: kind-myk8s\n' +
        'contexts:\n' +
        '- context:\n' +
        '    cluster: kind-myk8s\n' +
        '    namespace: dev-team\n' +
        '    user: dev\n' +
        '  name: dev@kind-myk8s\n' +
        'current-context: dev@kind-myk8s\n' +
        'kind: Config\n' +
        'preferences: {}\n' +
        'users:\n' +
        '- name: dev\n' +
        '  user:\n' +
        '    client-certificate: dev.crt\n' +
        '    client-key: dev.key\n',
    );
  });

  it('modifies the current context, renames and deletes entries with kubectl 1.31 messages', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      ...SETUP,
      'kubectl config use-context dev@kind-myk8s',
      'kubectl config set-context --current --namespace=default',
      'kubectl config rename-context dev@kind-myk8s dev',
      'kubectl config use-context nope',
      'kubectl config delete-context nope',
      'kubectl config set-credentials dev --client-certificate=nope.crt --embed-certs',
      'kubectl config get-contexts nope',
      "kubectl config view -o jsonpath='{.contexts[*].name}'; echo",
      'kubectl config view --raw -o jsonpath=\'{.users[?(@.name=="dev")].user.client-key}\'; echo',
      'kubectl config delete-user dev',
      'kubectl config delete-context dev',
    );
    expect(out).toBe(
      'User "dev" set.\n' +
        'Context "dev@kind-myk8s" created.\n' +
        'Switched to context "dev@kind-myk8s".\n' +
        'Context "dev@kind-myk8s" modified.\n' +
        'Context "dev@kind-myk8s" renamed to "dev".\n' +
        'error: no context exists with the name: "nope"\n' +
        'error: cannot delete context nope, not in /home/learner/.kube/config\n' +
        'error: could not stat client-certificate file nope.crt: stat nope.crt: no such file or directory\n' +
        'CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n' +
        'error: context nope not found\n' +
        'dev kind-myk8s\n' +
        'dev.key\n' +
        'deleted user dev from /home/learner/.kube/config\n' +
        'warning: this removed your active context, use "kubectl config use-context" to select a different one\n' +
        'deleted context dev from /home/learner/.kube/config\n',
    );
  });

  it('starts from the kubeconfig kind wrote: the kind-myk8s cluster, user and context', async () => {
    const out = await runFreshIn('kind-iptables', 'kubectl config view');
    expect(out).toBe(
      'apiVersion: v1\n' +
        'clusters:\n' +
        '- cluster:\n' +
        '    certificate-authority-data: DATA+OMITTED\n' +
        '    server: https://127.0.0.1:38687\n' +
        '  name: kind-myk8s\n' +
        'contexts:\n' +
        '- context:\n' +
        '    cluster: kind-myk8s\n' +
        '    user: kind-myk8s\n' +
        '  name: kind-myk8s\n' +
        'current-context: kind-myk8s\n' +
        'kind: Config\n' +
        'preferences: {}\n' +
        'users:\n' +
        '- name: kind-myk8s\n' +
        '  user:\n' +
        '    client-certificate-data: DATA+OMITTED\n' +
        '    client-key-data: DATA+OMITTED\n',
    );
  });
});

describe('kubectl and its kubeconfig', () => {
  it('refuses a key that does not match its certificate before any request, as client-go does', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      'openssl genrsa -out other.key 2048',
      "kubectl config view --raw -o jsonpath='{.users[0].user.client-certificate-data}' | base64 -d > admin.crt",
      'kubectl config set-credentials mixed --client-certificate=admin.crt --client-key=other.key --embed-certs',
      'kubectl --user mixed get pods; echo $?',
    );
    expect(out).toBe('User "mixed" set.\nerror: tls: private key does not match public key\n1\n');
  });

  it('cannot connect without a kubeconfig on a kind node, and can with admin.conf', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      'docker exec myk8s-control-plane kubectl get nodes myk8s-worker -o name',
      'docker exec myk8s-control-plane kubectl --kubeconfig /etc/kubernetes/admin.conf get nodes myk8s-worker -o name',
    );
    expect(out).toBe(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?\nnode/myk8s-worker\n',
    );
  });
});

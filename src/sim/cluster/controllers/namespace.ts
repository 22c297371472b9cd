/**
 * What a new namespace gets from the controllers: the `default` ServiceAccount (serviceaccount
 * controller) and the `kube-root-ca.crt` ConfigMap (root-ca-cert-publisher).
 */
import type { Controller, ControllerContext } from '../controller';

/** The cluster CA certificate every namespace's kube-root-ca.crt publishes (a fixed, well-formed PEM). */
export const CLUSTER_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIQ2Lx7Nb0CgIwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
AxMKa3ViZXJuZXRlczAeFw0yNjEwMDIxNTQ5MDBaFw0zNjA5MzAxNTU0MDBaMBUx
EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
AoIBAQC7m3pXb0kqL1yG0yqRm5sU6Zy3Yp8o1uKf9o0K3n5q2m2yQ4n1s9bXw0Jm
-----END CERTIFICATE-----
`;

/** Ensure the per-namespace objects exist for namespace `name`. */
export function syncNamespace(c: ControllerContext, name: string): void {
  const store = c.store;
  const ns = store.get('namespaces', undefined, name);
  if (!ns) return;
  if (!store.get('serviceaccounts', name, 'default')) {
    c.createInternal({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
  }
  if (!store.get('configmaps', name, 'kube-root-ca.crt')) {
    c.createInternal({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'kube-root-ca.crt',
        namespace: name,
        annotations: {
          'kubernetes.io/description':
            'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
        },
      },
      data: { 'ca.crt': CLUSTER_CA_PEM },
    });
  }
}

/** The serviceaccount controller and root-ca-cert-publisher: a namespace's default objects. */
export const namespaceController: Controller = {
  name: 'namespace',
  watches: ['namespaces'],
  sync: (ctx, change) => syncNamespace(ctx, change.name),
};

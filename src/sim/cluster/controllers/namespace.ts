/**
 * What a new namespace gets from the controllers: the `default` ServiceAccount (serviceaccount
 * controller) and the `kube-root-ca.crt` ConfigMap (root-ca-cert-publisher).
 */
import type { Controller, ControllerContext } from '../controller';
import { clusterCaPem } from '../../pki/cluster';

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
      data: { 'ca.crt': clusterCaPem(c) },
    });
  }
}

/** The serviceaccount controller and root-ca-cert-publisher: a namespace's default objects. */
export const namespaceController: Controller = {
  name: 'namespace',
  watches: ['namespaces'],
  sync: (ctx, change) => syncNamespace(ctx, change.name),
};

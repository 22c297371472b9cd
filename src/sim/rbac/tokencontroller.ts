/**
 * The token controller's half that still runs in v1.31: a Secret of type
 * `kubernetes.io/service-account-token` annotated with `kubernetes.io/service-account.name` gets the
 * account's uid annotation and `ca.crt`, `namespace` and `token` data (base64), which is how the
 * "secret holding the CA and the token" of older write-ups is made by hand since v1.24 stopped
 * creating one per service account.
 */
import type { Controller, ControllerContext } from '../cluster/controller';
import { clusterCaPem } from '../pki/cluster';
import { SA_TOKEN_SECRET_TYPE, secretToken } from './token';

const SA_NAME = 'kubernetes.io/service-account.name';
const SA_UID = 'kubernetes.io/service-account.uid';

/** Fill a service-account token Secret once its service account exists. */
export function syncServiceAccountTokenSecret(cluster: ControllerContext, namespace: string, name: string): void {
  const secret = cluster.store.get('secrets', namespace, name);
  if (!secret || secret.type !== SA_TOKEN_SECRET_TYPE) return;
  const saName = secret.metadata.annotations?.[SA_NAME];
  const sa = saName ? cluster.store.get('serviceaccounts', namespace, saName) : undefined;
  if (!sa || secret.data?.token) return;
  const next = structuredClone(secret);
  next.metadata.annotations = { ...next.metadata.annotations, [SA_UID]: sa.metadata.uid ?? '' };
  next.data = {
    ...(next.data ?? {}),
    'ca.crt': btoa(clusterCaPem(cluster)),
    namespace: btoa(namespace),
    token: btoa(secretToken(cluster, next, sa)),
  };
  cluster.write(next);
}

/** A service account that appears after its Secret: fill the Secrets waiting for it. */
export function syncTokenSecretsFor(cluster: ControllerContext, namespace: string, saName: string): void {
  for (const s of cluster.store.list('secrets', namespace)) {
    if (s.type === SA_TOKEN_SECRET_TYPE && s.metadata.annotations?.[SA_NAME] === saName)
      syncServiceAccountTokenSecret(cluster, namespace, s.metadata.name);
  }
}

/** The token controller: a token Secret, or the service account it waits for. */
export const tokenController: Controller = {
  name: 'serviceaccount-token',
  watches: ['secrets', 'serviceaccounts'],
  sync(ctx, change) {
    if (change.resource === 'secrets') syncServiceAccountTokenSecret(ctx, change.namespace!, change.name);
    else syncTokenSecretsFor(ctx, change.namespace!, change.name);
  },
};

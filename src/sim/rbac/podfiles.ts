/**
 * What the projected `kube-api-access-*` volume shows inside a pod: the service-account token, the
 * cluster CA and the namespace under /var/run/secrets/kubernetes.io/serviceaccount/, generated at
 * read time from the pod and its service account (so the token follows rotation and the virtual
 * clock). Present exactly when admission gave the pod its kube-api-access volume.
 */
import type { Emulator } from '../emulator';
import type { KubeObject } from '../cluster/types';
import type { LocationRef } from '../shell/types';
import type { FileProvider } from '../shell/vfs';
import { clusterCaPem, pkiSourceOf } from '../pki/cluster';
import { podToken } from './token';
import { SERVICE_ACCOUNT_DIR } from './admission';

/** The pod at a location and its service account, when the token is mounted there. */
function mountedAccount(emu: Emulator, loc: LocationRef): { pod: KubeObject; sa: KubeObject } | undefined {
  if (loc.kind !== 'pod') return undefined;
  const pod = emu.store.get('pods', loc.namespace, loc.pod);
  if (!pod) return undefined;
  const saName = pod.spec?.serviceAccountName ?? 'default';
  // A deleted service account leaves the mounted files behind: the kubelet does not remove them.
  const sa: KubeObject = emu.store.get('serviceaccounts', loc.namespace, saName) ?? {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: saName, namespace: loc.namespace },
  };
  // The files exist exactly when admission mounted the volume (mirror pods and opted-out pods have none).
  const mounted = (pod.spec?.volumes ?? []).some(
    (v: { name?: string; projected?: unknown }) => v.projected && v.name?.startsWith('kube-api-access-'),
  );
  return mounted ? { pod, sa } : undefined;
}

/** token, ca.crt and namespace of the mounted kube-api-access volume. */
export const serviceAccountFileProviders: readonly FileProvider[] = [
  {
    path: `${SERVICE_ACCOUNT_DIR}/token`,
    kinds: ['pod'],
    read: ({ emulator, location }) => {
      const m = mountedAccount(emulator, location);
      return m ? podToken(emulator.cluster, m.pod, m.sa) : undefined;
    },
  },

  {
    path: `${SERVICE_ACCOUNT_DIR}/ca.crt`,
    kinds: ['pod'],
    read: ({ emulator, location }) =>
      mountedAccount(emulator, location) ? clusterCaPem(pkiSourceOf(emulator)) : undefined,
  },

  {
    path: `${SERVICE_ACCOUNT_DIR}/namespace`,
    kinds: ['pod'],
    // The downward API writes the value as is, without a newline.
    read: ({ emulator, location }) =>
      mountedAccount(emulator, location) && location.kind === 'pod' ? location.namespace : undefined,
  },
];

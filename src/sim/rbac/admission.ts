/**
 * The ServiceAccount admission plugin's projected token volume: a pod that automounts its token
 * (the pod's automountServiceAccountToken, else its service account's, else true) gets the
 * `kube-api-access-XXXXX` projected volume (token, kube-root-ca.crt's ca.crt, the namespace) and a
 * read-only mount of it at /var/run/secrets/kubernetes.io/serviceaccount in every container.
 * Mirror pods of static pods get nothing.
 * The suffix is drawn from a hash of the pod's identity and time, not from the cluster's random
 * stream, so adding this plugin shifts no other seeded name.
 */
import type { AdmissionPlugin, ControllerContext } from '../cluster/controller';
import type { KubeObject } from '../cluster/types';
import { fnv32a } from '../cluster/hash';
import { Rng, K8S_SUFFIX_ALPHABET } from '../core/rng';

/** Where the projected volume is mounted in every container. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Add the projected token volume and its mounts to a pod being created (in place). */
export function admitServiceAccountToken(cluster: ControllerContext, pod: KubeObject): void {
  const spec = pod.spec;
  // Mirror pods (static pods the kubelet reports) are left alone, as the plugin skips them.
  if (!spec || pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
  const saName = spec.serviceAccountName ?? 'default';
  const sa = cluster.store.get('serviceaccounts', pod.metadata.namespace ?? 'default', saName);
  if ((spec.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true) === false) return;
  const containers: any[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  // A pod that mounts something at the token path itself keeps it (the plugin then adds nothing).
  if (containers.some((c) => (c.volumeMounts ?? []).some((m: any) => m.mountPath === SERVICE_ACCOUNT_DIR))) return;
  const seed = `${pod.metadata.namespace}/${pod.metadata.name || pod.metadata.generateName}/${cluster.now()}`;
  const name = `kube-api-access-${new Rng(fnv32a(seed)).string(K8S_SUFFIX_ALPHABET, 5)}`;
  spec.volumes = [
    ...(spec.volumes ?? []),
    {
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          {
            downwardAPI: {
              items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
            },
          },
        ],
      },
    },
  ];
  for (const c of containers)
    c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: SERVICE_ACCOUNT_DIR, name, readOnly: true }];
}

/**
 * An update that replaces a pod's lists whole (client-side apply here has no strategic merge)
 * would drop the volume admission added; keep it, as a strategic merge patch would.
 */
export function keepServiceAccountVolume(live: KubeObject, next: KubeObject): void {
  const vol = (live.spec?.volumes ?? []).find(
    (v: any) => typeof v.name === 'string' && v.name.startsWith('kube-api-access-') && v.projected,
  );
  if (!vol || !next.spec) return;
  if (!(next.spec.volumes ?? []).some((v: any) => v.name === vol.name))
    next.spec.volumes = [...(next.spec.volumes ?? []), structuredClone(vol)];
  const containers: any[] = [...(next.spec.initContainers ?? []), ...(next.spec.containers ?? [])];
  for (const c of containers) {
    const liveC = [...(live.spec.initContainers ?? []), ...(live.spec.containers ?? [])].find(
      (x: any) => x.name === c.name,
    );
    const mount = (liveC?.volumeMounts ?? []).find((m: any) => m.name === vol.name);
    if (mount && !(c.volumeMounts ?? []).some((m: any) => m.name === vol.name))
      c.volumeMounts = [...(c.volumeMounts ?? []), structuredClone(mount)];
  }
}

/** The ServiceAccount admission plugin's token volume: added to pods on create, kept on update. */
export const serviceAccountAdmission: AdmissionPlugin = {
  name: 'ServiceAccount',
  admitCreate(ctx, obj) {
    if (obj.kind === 'Pod') admitServiceAccountToken(ctx, obj);
  },
  admitUpdate(_ctx, live, obj) {
    if (obj.kind === 'Pod') keepServiceAccountVolume(live, obj);
  },
};

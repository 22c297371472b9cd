/**
 * The container sections shared by pod and pod-template describes (describe.go describeContainers,
 * describeStatus, describeVolumes, tolerations).
 */
import type { KubeObject } from '../../cluster/types';
import { type DescribeWriter, rfc1123z, writeLabels } from './writer';

interface ContainerPort {
  containerPort: number;
  hostPort?: number;
  protocol?: string;
}
interface Probe {
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  exec?: { command: string[] };
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: string };
  tcpSocket?: { port: number | string; host?: string };
}

/** DescribeProbe: `http-get http://:8080/ delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${p.exec.command.join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const host = p.httpGet.host ?? '';
    const hostPort = host.includes(':') ? `[${host}]:${p.httpGet.port}` : `${host}:${p.httpGet.port}`;
    return `http-get ${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${hostPort}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  return `unknown ${attrs}`;
}

/** describeStatus: Running/Waiting/Terminated with their details at level 3. */
function writeState(w: DescribeWriter, stateName: string, state: any): void {
  if (state?.running) {
    w.write(2, `${stateName}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${stateName}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${stateName}:\tWaiting\n`);
  }
}

/** The value a fieldRef env var shows (EnvValueRetriever), for the fields pods commonly expose. */
function fieldRefValue(pod: KubeObject | undefined, fieldPath: string): string {
  if (!pod) return '';
  const values: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP,
    'status.podIP': pod.status?.podIP,
  };
  return values[fieldPath] ?? '';
}

/** describeContainers: the label line, then each container's block (statuses only for real pods). */
export function writeContainers(
  w: DescribeWriter,
  label: string,
  containers: any[],
  statuses: any[] | undefined,
  space: string,
  pod?: KubeObject,
): void {
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  const byName = new Map<string, any>((statuses ?? []).map((s) => [s.name, s]));
  for (const c of containers) {
    const status = byName.get(c.name);
    const ok = status !== undefined;
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (ok) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (ok) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports: ContainerPort[] = c.ports ?? [];
    const portString = ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    if (portString.includes(',')) w.write(2, `Ports:\t${portString}\n`);
    else w.write(2, `Port:\t${portString || '<none>'}\n`);
    const hostPortString = ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    if (hostPortString.includes(',')) w.write(2, `Host Ports:\t${hostPortString}\n`);
    else w.write(2, `Host Port:\t${hostPortString || '<none>'}\n`);
    for (const [title, list] of [
      ['Command', c.command],
      ['Args', c.args],
    ] as const) {
      if ((list ?? []).length === 0) continue;
      w.write(2, `${title}:\n`);
      for (const item of list as string[]) for (const s of item.split('\n')) w.write(3, `${s}\n`);
    }
    if (ok) {
      writeState(w, 'State', status.state);
      if (status.lastState?.terminated) writeState(w, 'Last State', status.lastState);
      w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    for (const kind of ['limits', 'requests'] as const) {
      const list: Record<string, string> = c.resources?.[kind] ?? {};
      const names = Object.keys(list).sort();
      if (names.length === 0) continue;
      w.write(2, `${kind === 'limits' ? 'Limits' : 'Requests'}:\n`);
      for (const n of names) w.write(3, `${n}:\t${list[n]}\n`);
    }
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if ((c.envFrom ?? []).length > 0) {
      w.write(2, 'Environment Variables from:\n');
      for (const e of c.envFrom) {
        const [from, ref] = e.configMapRef ? ['ConfigMap', e.configMapRef] : ['Secret', e.secretRef ?? {}];
        const optional = ref.optional === true;
        if (e.prefix) w.write(3, `${ref.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
        else w.write(3, `${ref.name ?? ''}\t${from}\tOptional: ${optional}\n`);
      }
    }
    const env: any[] = c.env ?? [];
    w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
    for (const e of env) {
      const vf = e.valueFrom;
      if (!vf) {
        String(e.value ?? '')
          .split('\n')
          .forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      } else if (vf.fieldRef) {
        w.write(
          3,
          `${e.name}:\t${fieldRefValue(pod, vf.fieldRef.fieldPath)} (${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})\n`,
        );
      } else if (vf.resourceFieldRef) {
        w.write(3, `${e.name}:\t (${vf.resourceFieldRef.resource})\n`);
      } else if (vf.secretKeyRef) {
        w.write(
          3,
          `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`,
        );
      } else if (vf.configMapKeyRef) {
        w.write(
          3,
          `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`,
        );
      }
    }
    const mounts: any[] = [...(c.volumeMounts ?? [])].sort((a, b) =>
      a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0,
    );
    w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path="${m.subPath}"`] : [])];
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

/** describeVolumes for the volume types the emulator's pods use; others print `<unknown>` as upstream does. */
export function writeVolumes(w: DescribeWriter, volumes: any[] | undefined, space: string): void {
  const vs = volumes ?? [];
  if (vs.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of vs) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.hostPath) {
      w.write(
        2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type || '<none>'}\n`,
      );
    } else if (v.emptyDir) {
      w.write(
        2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`,
      );
    } else if (v.secret) {
      w.write(
        2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`,
      );
    } else if (v.configMap) {
      w.write(
        2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`,
      );
    } else if (v.persistentVolumeClaim) {
      w.write(
        2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`,
      );
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        // printProjectedVolumeSource prints the *bool optional with %v: `<nil>` when unset.
        if (s.secret)
          w.write(2, `SecretName:\t${s.secret.name}\n    SecretOptionalName:\t${s.secret.optional ?? '<nil>'}\n`);
        else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap)
          w.write(
            2,
            `ConfigMapName:\t${s.configMap.name}\n    ConfigMapOptional:\t${s.configMap.optional ?? '<nil>'}\n`,
          );
        else if (s.serviceAccountToken)
          w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}\n`);
      }
    } else {
      w.write(1, '<unknown>\n');
    }
  }
}

/** printTolerationsMultilineWithIndent: `key=value:Effect op=Exists for 300s`, sorted by key. */
export function writeTolerations(w: DescribeWriter, title: string, tolerations: any[] | undefined): void {
  w.write(0, `${title}:\t`);
  const ts = [...(tolerations ?? [])].sort((a, b) =>
    (a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0,
  );
  if (ts.length === 0) {
    w.line('<none>');
    return;
  }
  ts.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

/** DescribePodTemplate: the `Pod Template:` block of deployments, replica sets and daemon sets. */
export function writePodTemplate(w: DescribeWriter, template: any): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  writeLabels(w, '  Labels', template.metadata?.labels);
  const annotations = template.metadata?.annotations ?? {};
  if (Object.keys(annotations).length > 0) {
    // printAnnotationsMultiline with an indented title.
    const keys = Object.keys(annotations)
      .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
      .sort();
    w.write(0, '  Annotations:\t');
    if (keys.length === 0) w.line('<none>');
    keys.forEach((k, i) => {
      if (i !== 0) w.write(0, '\t');
      w.write(0, `${k}: ${annotations[k]}\n`);
    });
  }
  const spec = template.spec ?? {};
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0)
    writeContainers(w, 'Init Containers', spec.initContainers, undefined, '  ');
  writeContainers(w, 'Containers', spec.containers ?? [], undefined, '  ');
  writeVolumes(w, spec.volumes, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  writeLabels(w, '  Node-Selectors', spec.nodeSelector);
  writeTolerations(w, '  Tolerations', spec.tolerations);
}

/** `kubectl describe pod` (describe.go describePod). */
import type { KubeObject } from '../../cluster/types';
import { eventsFor, writeEvents } from './events';
import { writeContainers, writeTolerations, writeVolumes } from './containers';
import {
  controlledBy,
  type DescribeContext,
  DescribeWriter,
  rfc1123z,
  since,
  writeAnnotations,
  writeLabels,
} from './writer';

/** qos.GetPodQOS: status.qosClass when set, else computed from requests and limits. */
export function podQOS(pod: KubeObject): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const containers: any[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Every section of a pod's description, in describe.go's order. */
export function describePod(pod: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  w.write(0, `Name:\t${pod.metadata.name}\n`);
  w.write(0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
  if (typeof spec.priority === 'number') w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  writeLabels(w, 'Labels', pod.metadata.labels);
  writeAnnotations(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, ctx.now)})\n`);
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 30}s\n`);
  } else {
    w.write(0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  const podIPs: { ip: string }[] = status.podIPs ?? [];
  if (podIPs.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const owner = controlledBy(pod);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if ((spec.initContainers ?? []).length > 0)
    writeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses, '', pod);
  writeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses, '', pod);
  const gates: { conditionType: string }[] = spec.readinessGates ?? [];
  const conditions: { type: string; status: string }[] = status.conditions ?? [];
  if (gates.length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates)
      w.write(1, `${g.conditionType} \t${conditions.find((c) => c.type === g.conditionType)?.status ?? '<none>'} \n`);
  }
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  writeVolumes(w, spec.volumes, '');
  w.write(0, `QoS Class:\t${podQOS(pod)}\n`);
  writeLabels(w, 'Node-Selectors', spec.nodeSelector);
  writeTolerations(w, 'Tolerations', spec.tolerations);
  writeEvents(w, eventsFor(pod, ctx), ctx.now);
  return w.toString();
}

/**
 * The data-plane golden tests' cluster: the kind-iptables scenario with the seed's lab
 * (kans-week5: 3pod.yaml, netpod.yaml, svc-clusterip.yaml, applied together as the seed does),
 * the pods running.
 */
import { labSession, type Lab } from '../../src/sim/shell/testing';
import { NETPOD_YAML, SVC_CLUSTERIP_YAML, THREE_POD_YAML } from '../fixtures/seeds/manifests';

/** The seed's three manifests in one file, so one `kubectl apply` creates them together. */
export const SEED_LAB = `cat <<EOT > lab.yaml
${THREE_POD_YAML}---
${NETPOD_YAML}---
${SVC_CLUSTERIP_YAML}EOT`;

/** A kind-iptables cluster (seed 1) with the seed's lab applied and running. */
export function seedLab(): Promise<Lab> {
  return labSession('kind-iptables', [
    SEED_LAB,
    'kubectl apply -f lab.yaml',
    'sleep 20',
    'SVC1=$(kubectl get svc svc-clusterip -o jsonpath={.spec.clusterIP})',
  ]);
}

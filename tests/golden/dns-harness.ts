/**
 * The DNS golden tests' cluster: the kind-iptables scenario with a ClusterIP service (`web`, fixed
 * ClusterIP), a selector-less headless service with hand-made Endpoints (`db`, three addresses), an
 * ExternalName service (`ext` → www.example.com), a netshoot pod and a busybox pod.
 */
import { labSession, type Lab } from '../../src/sim/shell/testing';

export const SETUP = `cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  clusterIP: 10.200.1.120
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  ports: [{name: mysql, port: 3306}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: db}
subsets:
- addresses: [{ip: 10.10.1.5}, {ip: 10.10.2.7}, {ip: 10.10.3.9}]
  ports: [{name: mysql, port: 3306}]
---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {type: ExternalName, externalName: www.example.com}
---
apiVersion: v1
kind: Pod
metadata: {name: net}
spec:
  containers: [{name: netshoot, image: nicolaka/netshoot, command: [tail, -f, /dev/null]}]
---
apiVersion: v1
kind: Pod
metadata: {name: bb}
spec:
  containers: [{name: busybox, image: busybox:1.36, command: [sleep, "3600"]}]
EOF`;

/** A kind-iptables cluster with the DNS fixtures applied and the pods running. */
export function dnsCluster(): Promise<Lab> {
  return labSession('kind-iptables', [SETUP, 'sleep 10']);
}

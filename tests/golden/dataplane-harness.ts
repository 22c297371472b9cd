/**
 * The data-plane golden tests' cluster: the kind-iptables scenario with the seed's lab
 * (kans-week5: 3pod.yaml, netpod.yaml, svc-clusterip.yaml, applied together as the seed does),
 * the pods running.
 */
import { freshSession, runLines } from '../../src/sim/shell/testing';
import type { Emulator } from '../../src/sim/emulator';
import type { ShellSession } from '../../src/sim/shell/session';

const webpod = (n: number, node: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: webpod${n}
  labels:
    app: webpod
spec:
  nodeName: ${node}
  containers:
  - name: container
    image: traefik/whoami
  terminationGracePeriodSeconds: 0`;

export const SEED_LAB = `cat <<EOT > lab.yaml
${webpod(1, 'myk8s-worker')}
---
${webpod(2, 'myk8s-worker2')}
---
${webpod(3, 'myk8s-worker3')}
---
apiVersion: v1
kind: Pod
metadata:
  name: net-pod
spec:
  nodeName: myk8s-control-plane
  containers:
  - name: netshoot-pod
    image: nicolaka/netshoot
    command: ["tail"]
    args: ["-f", "/dev/null"]
  terminationGracePeriodSeconds: 0
---
apiVersion: v1
kind: Service
metadata:
  name: svc-clusterip
spec:
  ports:
    - name: svc-webport
      port: 9000
      targetPort: 80
  selector:
    app: webpod
  type: ClusterIP
EOT`;

/** A kind-iptables cluster (seed 1) with the seed's lab applied and running. */
export async function seedLab(): Promise<{ emu: Emulator; sh: ShellSession; run: (...lines: string[]) => Promise<string> }> {
  const { emu, sh } = freshSession('kind-iptables', 1);
  await runLines(sh, [SEED_LAB, 'kubectl apply -f lab.yaml', 'sleep 20', 'SVC1=$(kubectl get svc svc-clusterip -o jsonpath={.spec.clusterIP})']);
  return { emu, sh, run: (...lines: string[]) => runLines(sh, lines) };
}

/**
 * The API server's defaulting seen through kubectl: a hand-made Endpoints' ports get protocol TCP
 * (SetDefaults_EndpointPort) and a ClientIP Service gets its 10800-second affinity timeout
 * (SetDefaults_Service), which kube-proxy then writes as `--seconds 10800`.
 */
import { describe, expect, it } from 'vitest';
import { freshSession, runLines } from '../shell/testing';
import { K8S_OBJECTS_DNS, manifestBody } from '../../../tests/fixtures/seeds/manifests';

/** The seed's endpoint2 Service and its hand-made Endpoints, pointed at a fixed address instead of pod9's. */
const ENDPOINTS = `cat <<EOF | kubectl apply -f -
${manifestBody(K8S_OBJECTS_DNS, 'endpoint2')}---
${manifestBody(K8S_OBJECTS_DNS, 'endpoint2', 1).replace('$POD9', '10.10.1.7')}EOF`;

const AFFINITY = `cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Service
metadata:
  name: sticky
spec:
  clusterIP: 10.200.1.150
  sessionAffinity: ClientIP
  selector:
    app: sticky
  ports:
  - port: 80
EOF`;

describe('API server defaulting', () => {
  it('gives a hand-made Endpoints port the TCP protocol, shown by kubectl describe', async () => {
    const { sh } = freshSession('kind-iptables');
    await runLines(sh, [ENDPOINTS]);
    expect(await runLines(sh, ['kubectl describe endpoints endpoint2'])).toBe(`Name:         endpoint2
Namespace:    default
Labels:       <none>
Annotations:  <none>
Subsets:
  Addresses:          10.10.1.7
  NotReadyAddresses:  <none>
  Ports:
    Name     Port  Protocol
    ----     ----  --------
    <unset>  8080  TCP

Events:  <none>
`);
  });

  it('keeps a protocol the Endpoints names', async () => {
    const { sh } = freshSession('kind-iptables');
    await runLines(sh, [ENDPOINTS.replace('   - port: 8080\nEOF', '   - port: 8080\n     protocol: UDP\nEOF')]);
    expect(await runLines(sh, ["kubectl get endpoints endpoint2 -o jsonpath='{.subsets[0].ports[0].protocol}'"])).toBe(
      'UDP',
    );
  });

  it('defaults a ClientIP service to a 10800-second affinity timeout in -o yaml', async () => {
    const { sh } = freshSession('kind-iptables');
    await runLines(sh, [AFFINITY]);
    const yaml = await runLines(sh, ['kubectl get svc sticky -o yaml | grep -A3 "^  sessionAffinity:"']);
    expect(yaml).toBe(`  sessionAffinity: ClientIP
  sessionAffinityConfig:
    clientIP:
      timeoutSeconds: 10800
`);
  });

  it('drops the affinity config when the service goes back to None', async () => {
    const { sh } = freshSession('kind-iptables');
    await runLines(sh, [AFFINITY, `kubectl patch svc sticky -p '{"spec":{"sessionAffinity":"None"}}'`]);
    expect(await runLines(sh, ['kubectl get svc sticky -o yaml | grep "^  sessionAffinity"'])).toBe(
      '  sessionAffinity: None\n',
    );
  });

  it('has kube-proxy check the recent list for the defaulted 10800 seconds', async () => {
    const { sh } = freshSession('kind-iptables');
    await runLines(sh, [AFFINITY, 'kubectl run sticky1 --image=traefik/whoami -l app=sticky', 'sleep 10']);
    const rules = await runLines(sh, [
      'docker exec myk8s-worker iptables -t nat -S | grep -c -- "--rcheck --seconds 10800 --reap"',
    ]);
    expect(rules).toBe('1\n');
  });
});

/**
 * A container's environment as the kubelet builds it: pkg/kubelet/envvars/envvars.go (FromServices:
 * _SERVICE_HOST, _SERVICE_PORT, a _SERVICE_PORT_<NAME> per named port, the Docker-link _PORT
 * variables) and kubelet_pods.go (getServiceEnvVarMap, makeEnvironmentVariables: envFrom, then env
 * with $(VAR) expansion and the downward API, then the service links).
 */
import { describe, expect, it } from 'vitest';
import { labSession } from '../shell/testing';

describe('a container environment', () => {
  it('has the kubernetes Service of default in every pod, and the Services of its namespace that existed when it started', async () => {
    const { run } = await labSession('kind-iptables', [
      'kubectl create namespace shop',
      'kubectl create service clusterip my-web --tcp=8080:80 --tcp=9090 -n shop',
      'kubectl create service clusterip headless --clusterip=None --tcp=80 -n shop',
      'kubectl create service externalname ext --external-name=example.com -n shop',
      'kubectl create service clusterip elsewhere --tcp=80',
      'kubectl run c -n shop --image=nicolaka/netshoot -- sleep infinity',
      'sleep 8',
      'kubectl create service clusterip later --tcp=81 -n shop',
    ]);
    const ip = (await run("kubectl get svc my-web -n shop -o jsonpath='{.spec.clusterIP}'")).trim();
    expect(
      await run(
        'kubectl exec -n shop c -- env | grep -e ^KUBERNETES -e ^MY_WEB -e ^HEADLESS -e ^EXT -e ^LATER -e ^ELSEWHERE',
      ),
    ).toBe(
      [
        'KUBERNETES_PORT=tcp://10.200.1.1:443',
        'KUBERNETES_PORT_443_TCP=tcp://10.200.1.1:443',
        'KUBERNETES_PORT_443_TCP_ADDR=10.200.1.1',
        'KUBERNETES_PORT_443_TCP_PORT=443',
        'KUBERNETES_PORT_443_TCP_PROTO=tcp',
        'KUBERNETES_SERVICE_HOST=10.200.1.1',
        'KUBERNETES_SERVICE_PORT=443',
        'KUBERNETES_SERVICE_PORT_HTTPS=443',
        `MY_WEB_PORT=tcp://${ip}:8080`,
        `MY_WEB_PORT_8080_TCP=tcp://${ip}:8080`,
        `MY_WEB_PORT_8080_TCP_ADDR=${ip}`,
        'MY_WEB_PORT_8080_TCP_PORT=8080',
        'MY_WEB_PORT_8080_TCP_PROTO=tcp',
        `MY_WEB_PORT_9090_TCP=tcp://${ip}:9090`,
        `MY_WEB_PORT_9090_TCP_ADDR=${ip}`,
        'MY_WEB_PORT_9090_TCP_PORT=9090',
        'MY_WEB_PORT_9090_TCP_PROTO=tcp',
        `MY_WEB_SERVICE_HOST=${ip}`,
        'MY_WEB_SERVICE_PORT=8080',
        'MY_WEB_SERVICE_PORT_8080_80=8080',
        'MY_WEB_SERVICE_PORT_9090=9090',
        '',
      ].join('\n'),
    );
  });

  it('leaves the namespace’s Services out with enableServiceLinks: false, but never the kubernetes Service', async () => {
    const { run } = await labSession('kind-iptables', [
      'kubectl create service clusterip my-web --tcp=80',
      `kubectl run c --image=nicolaka/netshoot --overrides='{"spec":{"enableServiceLinks":false}}' -- sleep infinity`,
      'sleep 8',
    ]);
    expect(await run('kubectl exec c -- env | grep _SERVICE_HOST')).toBe('KUBERNETES_SERVICE_HOST=10.200.1.1\n');
  });

  it('resolves env and envFrom: values with $(VAR) and $$, the downward API, ConfigMaps and Secrets', async () => {
    const { run } = await labSession('kind-iptables', [
      'kubectl create configmap cfg --from-literal=color=blue --from-literal=size=L',
      'kubectl create secret generic sec --from-literal=pw=s3cret',
      `cat <<'EOT' | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: c
  labels: {app: shop}
spec:
  containers:
  - name: main
    image: nicolaka/netshoot
    command: ["sleep", "infinity"]
    envFrom:
    - configMapRef: {name: cfg}
      prefix: CFG_
    env:
    - {name: COLOR, value: "$(CFG_color) on $(KUBERNETES_SERVICE_HOST), $$(X) $(NOPE)"}
    - name: POD_NAME
      valueFrom: {fieldRef: {fieldPath: metadata.name}}
    - name: NS
      valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
    - name: APP
      valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}
    - name: PW
      valueFrom: {secretKeyRef: {name: sec, key: pw}}
    - name: SIZE
      valueFrom: {configMapKeyRef: {name: cfg, key: size}}
EOT`,
      'sleep 8',
    ]);
    expect(
      await run('kubectl exec c -- env | grep -e ^CFG_ -e ^COLOR -e ^POD_NAME -e ^NS= -e ^APP -e ^PW= -e ^SIZE'),
    ).toBe(
      [
        'APP=shop',
        'CFG_color=blue',
        'CFG_size=L',
        'COLOR=blue on 10.200.1.1, $(X) $(NOPE)',
        'NS=default',
        'POD_NAME=c',
        'PW=s3cret',
        'SIZE=L',
        '',
      ].join('\n'),
    );
    expect(await run(`kubectl exec c -- sh -c 'echo $POD_NAME $KUBERNETES_SERVICE_PORT'`)).toBe('c 443\n');
  });
});

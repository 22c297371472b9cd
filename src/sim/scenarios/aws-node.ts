/**
 * The VPC CNI's aws-node DaemonSet as the EKS add-on v1.18.5 installs it (upstream
 * config/master/aws-k8s-cni.yaml at v1.18.5, with the add-on's regional images): ipamd's settings
 * are its `aws-node` container's environment, which is what `kubectl set env ds/aws-node -n
 * kube-system KEY=VALUE` changes. The `aws-vpc-cni-init` init container (it copies the CNI
 * binaries) is left out: the emulated kubelet does not run init containers.
 */
import type { KubeObject } from '../cluster/types';

const ECR = '602401143452.dkr.ecr.ap-northeast-2.amazonaws.com';
export const AWS_NODE_IMAGE = `${ECR}/amazon-k8s-cni:v1.18.5-eksbuild.1`;
export const AWS_NODE_AGENT_IMAGE = `${ECR}/amazon/aws-network-policy-agent:v1.1.2-eksbuild.1`;

/** The `aws-node` container's environment, in the manifest's order. */
const AWS_NODE_ENV: ReadonlyArray<[string, string]> = [
  ['ADDITIONAL_ENI_TAGS', '{}'],
  ['ANNOTATE_POD_IP', 'false'],
  ['AWS_VPC_CNI_NODE_PORT_SUPPORT', 'true'],
  ['AWS_VPC_ENI_MTU', '9001'],
  ['AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG', 'false'],
  ['AWS_VPC_K8S_CNI_EXTERNALSNAT', 'false'],
  ['AWS_VPC_K8S_CNI_LOGLEVEL', 'DEBUG'],
  ['AWS_VPC_K8S_CNI_LOG_FILE', '/host/var/log/aws-routed-eni/ipamd.log'],
  ['AWS_VPC_K8S_CNI_RANDOMIZESNAT', 'prng'],
  ['AWS_VPC_K8S_CNI_VETHPREFIX', 'eni'],
  ['AWS_VPC_K8S_PLUGIN_LOG_FILE', '/var/log/aws-routed-eni/plugin.log'],
  ['AWS_VPC_K8S_PLUGIN_LOG_LEVEL', 'DEBUG'],
  ['DISABLE_INTROSPECTION', 'false'],
  ['DISABLE_METRICS', 'false'],
  ['DISABLE_NETWORK_RESOURCE_PROVISIONING', 'false'],
  ['ENABLE_IPv4', 'true'],
  ['ENABLE_IPv6', 'false'],
  ['ENABLE_POD_ENI', 'false'],
  ['ENABLE_PREFIX_DELEGATION', 'false'],
  ['ENABLE_SUBNET_DISCOVERY', 'true'],
  ['NETWORK_POLICY_ENFORCING_MODE', 'standard'],
  ['VPC_CNI_VERSION', 'v1.18.5'],
  ['WARM_ENI_TARGET', '1'],
  ['WARM_PREFIX_TARGET', '1'],
];

const fieldRef = (name: string, fieldPath: string) => ({
  name,
  valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } },
});

const grpcProbe = (initialDelaySeconds: number) => ({
  exec: {
    command: ['/app/grpc-health-probe', '-addr=:50051', '-connect-timeout=5s', '-rpc-timeout=5s'],
  },
  initialDelaySeconds,
  timeoutSeconds: 10,
});

/** The aws-node ServiceAccount and DaemonSet. */
export function awsNodeObjects(): KubeObject[] {
  const labels = {
    'app.kubernetes.io/instance': 'aws-vpc-cni',
    'app.kubernetes.io/name': 'aws-node',
    'k8s-app': 'aws-node',
  };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'aws-node', namespace: 'kube-system' } },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: {
        name: 'aws-node',
        namespace: 'kube-system',
        labels: { ...labels, 'app.kubernetes.io/version': 'v1.18.5' },
      },
      spec: {
        updateStrategy: { rollingUpdate: { maxUnavailable: '10%' }, type: 'RollingUpdate' },
        selector: { matchLabels: { 'k8s-app': 'aws-node' } },
        template: {
          metadata: { labels },
          spec: {
            priorityClassName: 'system-node-critical',
            serviceAccountName: 'aws-node',
            hostNetwork: true,
            terminationGracePeriodSeconds: 10,
            tolerations: [{ operator: 'Exists' }],
            securityContext: {},
            containers: [
              {
                name: 'aws-node',
                image: AWS_NODE_IMAGE,
                ports: [{ containerPort: 61678, name: 'metrics' }],
                livenessProbe: grpcProbe(60),
                readinessProbe: grpcProbe(1),
                env: [
                  ...AWS_NODE_ENV.map(([name, value]) => ({ name, value })),
                  fieldRef('MY_NODE_NAME', 'spec.nodeName'),
                  fieldRef('MY_POD_NAME', 'metadata.name'),
                ],
                resources: { requests: { cpu: '25m' } },
                securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
                volumeMounts: [
                  { mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' },
                  { mountPath: '/host/etc/cni/net.d', name: 'cni-net-dir' },
                  { mountPath: '/host/var/log/aws-routed-eni', name: 'log-dir' },
                  { mountPath: '/var/run/aws-node', name: 'run-dir' },
                  { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
                ],
              },
              {
                name: 'aws-eks-nodeagent',
                image: AWS_NODE_AGENT_IMAGE,
                imagePullPolicy: 'Always',
                env: [fieldRef('MY_NODE_NAME', 'spec.nodeName')],
                args: [
                  '--enable-ipv6=false',
                  '--enable-network-policy=false',
                  '--enable-cloudwatch-logs=false',
                  '--enable-policy-event-logs=false',
                  '--log-file=/var/log/aws-routed-eni/network-policy-agent.log',
                  '--metrics-bind-addr=:8162',
                  '--health-probe-bind-addr=:8163',
                  '--conntrack-cache-cleanup-period=300',
                ],
                resources: { requests: { cpu: '25m' } },
                securityContext: { capabilities: { add: ['NET_ADMIN'] }, privileged: true },
                volumeMounts: [
                  { mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' },
                  { mountPath: '/sys/fs/bpf', name: 'bpf-pin-path' },
                  { mountPath: '/var/log/aws-routed-eni', name: 'log-dir' },
                  { mountPath: '/var/run/aws-node', name: 'run-dir' },
                ],
              },
            ],
            volumes: [
              { name: 'bpf-pin-path', hostPath: { path: '/sys/fs/bpf' } },
              { name: 'cni-bin-dir', hostPath: { path: '/opt/cni/bin' } },
              { name: 'cni-net-dir', hostPath: { path: '/etc/cni/net.d' } },
              { name: 'log-dir', hostPath: { path: '/var/log/aws-routed-eni', type: 'DirectoryOrCreate' } },
              { name: 'run-dir', hostPath: { path: '/var/run/aws-node', type: 'DirectoryOrCreate' } },
              { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            ],
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [
                    {
                      matchExpressions: [
                        { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
                        { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] },
                        { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] },
                      ],
                    },
                  ],
                },
              },
            },
          },
        },
      },
    },
  ];
}

/**
 * What a node's disk shows of its CNI set-up (reference 2.1): the network configuration list the
 * runtime reads from /etc/cni/net.d and the plugin executables in /opt/cni/bin. Generated from the
 * cluster's configuration and the node's pod CIDR, so they always say what the data plane does.
 */
import type { ClusterConfig } from '../cluster/types';

export type CniName = ClusterConfig['cni'];

/** The network name in the conflist (and the host-local IPAM directory name). */
export const BRIDGE_NETWORK_NAME = 'mynet';

/** Tab-indented JSON, the way kindnet's Go template lays it out (blank lines where template actions were). */
function kindnetConflist(podCIDR: string): string {
  const t = (n: number) => '\t'.repeat(n);
  return [
    '{',
    `${t(1)}"cniVersion": "0.3.1",`,
    `${t(1)}"name": "kindnet",`,
    `${t(1)}"plugins": [`,
    `${t(1)}{`,
    `${t(2)}"type": "ptp",`,
    `${t(2)}"ipMasq": false,`,
    `${t(2)}"ipam": {`,
    `${t(3)}"type": "host-local",`,
    `${t(3)}"dataDir": "/run/cni-ipam-state",`,
    `${t(3)}"routes": [`,
    '',
    '',
    `${t(4)}{ "dst": "0.0.0.0/0" }`,
    `${t(3)}],`,
    `${t(3)}"ranges": [`,
    '',
    '',
    `${t(4)}[ { "subnet": "${podCIDR}" } ]`,
    `${t(3)}]`,
    `${t(2)}}`,
    `${t(2)},`,
    `${t(2)}"mtu": 1500`,
    '',
    `${t(1)}},`,
    `${t(1)}{`,
    `${t(2)}"type": "portmap",`,
    `${t(2)}"capabilities": {`,
    `${t(3)}"portMappings": true`,
    `${t(2)}}`,
    `${t(1)}}`,
    `${t(1)}]`,
    '}',
    '',
  ].join('\n');
}

/** The bridge conflist of the CNI lesson (the reference's LAB config, with the node's pod CIDR). */
export function bridgeConflist(podCIDR: string): string {
  const conf = {
    cniVersion: '1.0.0',
    name: BRIDGE_NETWORK_NAME,
    plugins: [
      {
        type: 'bridge',
        bridge: 'cni0',
        isGateway: true,
        ipMasq: true,
        ipam: { type: 'host-local', subnet: podCIDR, routes: [{ dst: '0.0.0.0/0' }] },
      },
      { type: 'portmap', capabilities: { portMappings: true } },
    ],
  };
  return JSON.stringify(conf, null, 2) + '\n';
}

/** Weave's conflist as its launch script writes it (reference 2.5). */
const WEAVE_CONFLIST = `{
    "cniVersion": "0.3.0",
    "name": "weave",
    "plugins": [
        {
            "name": "weave",
            "type": "weave-net",
            "hairpinMode": true
        },
        {
            "type": "portmap",
            "capabilities": {"portMappings": true},
            "snat": true
        }
    ]
}
`;

/** The VPC CNI's conflist (misc/10-aws.conflist with the init container's substitutions). */
function awsConflist(nodeIP: string): string {
  return `{
  "cniVersion": "0.4.0",
  "name": "aws-cni",
  "disableCheck": true,
  "plugins": [
    {
      "name": "aws-cni",
      "type": "aws-cni",
      "vethPrefix": "eni",
      "mtu": "9001",
      "podSGEnforcingMode": "strict",
      "pluginLogFile": "/var/log/aws-routed-eni/plugin.log",
      "pluginLogLevel": "DEBUG",
      "capabilities": {"io.kubernetes.cri.pod-annotations": true}
    },
    {
      "name": "egress-cni",
      "type": "egress-cni",
      "mtu": "9001",
      "enabled": "false",
      "randomizeSNAT": "prng",
      "nodeIP": "${nodeIP}",
      "ipam": {
         "type": "host-local",
         "ranges": [[{"subnet": "fd00::ac:00/118"}]],
         "routes": [{"dst": "::/0"}],
         "dataDir": "/run/cni/v4pd/egress-v6-ipam"
      },
      "pluginLogFile": "/var/log/aws-routed-eni/egress-v6-plugin.log",
      "pluginLogLevel": "DEBUG"
    },
    {
      "type": "portmap",
      "capabilities": {"portMappings": true},
      "snat": true
    }
  ]
}
`;
}

/** The file name in /etc/cni/net.d and its content for a node. */
export function conflistFor(cni: CniName, node: { ip: string; podCIDR?: string }): { file: string; content: string } {
  switch (cni) {
    case 'kindnet':
      return { file: '10-kindnet.conflist', content: kindnetConflist(node.podCIDR ?? '') };
    case 'bridge':
      return { file: '10-mynet.conflist', content: bridgeConflist(node.podCIDR ?? '') };
    case 'weave':
      return { file: '10-weave.conflist', content: WEAVE_CONFLIST };
    case 'aws-vpc-cni':
      return { file: '10-aws.conflist', content: awsConflist(node.ip) };
  }
}

/** The reference plugins (containernetworking/plugins) as the kubernetes-cni package installs them. */
const STANDARD_PLUGINS = [
  'bandwidth',
  'bridge',
  'dhcp',
  'dummy',
  'firewall',
  'host-device',
  'host-local',
  'ipvlan',
  'loopback',
  'macvlan',
  'portmap',
  'ptp',
  'sbr',
  'static',
  'tap',
  'tuning',
  'vlan',
  'vrf',
];

/** The executables in /opt/cni/bin on a node of a cluster using `cni`, sorted as `ls` shows them. */
export function cniBinaries(cni: CniName): string[] {
  switch (cni) {
    // kind's node image ships only what kindnet needs.
    case 'kindnet':
      return ['host-local', 'loopback', 'portmap', 'ptp'];
    case 'bridge':
      return ['bridge', 'host-local', 'loopback', 'portmap', 'ptp'];
    case 'weave':
      return [...STANDARD_PLUGINS, 'weave-ipam', 'weave-net'].sort();
    case 'aws-vpc-cni':
      return [...STANDARD_PLUGINS, 'aws-cni', 'aws-cni-support.sh', 'egress-cni'].sort();
  }
}

/** Every binary name any cluster may have (one file provider each). */
export const ALL_CNI_BINARIES: readonly string[] = [
  ...new Set((['kindnet', 'bridge', 'weave', 'aws-vpc-cni'] as const).flatMap(cniBinaries)),
].sort();

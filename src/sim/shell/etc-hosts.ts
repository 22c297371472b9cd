/**
 * A pod's /etc/hosts, as the kubelet writes it (managed hosts file): the localhost lines, then the
 * pod IP with its hostname (the FQDN first when the pod has a subdomain). Generated from the pod
 * object at read time, so it follows the pod's IP as soon as it is assigned.
 */
import type { FileProvider } from './vfs';

const HEADER = `# Kubernetes-managed hosts file.
127.0.0.1\tlocalhost
::1\tlocalhost ip6-localhost ip6-loopback
fe00::0\tip6-localnet
fe00::0\tip6-mcastprefix
fe00::1\tip6-allnodes
fe00::2\tip6-allrouters
`;

export const etcHostsProvider: FileProvider = {
  path: '/etc/hosts',
  kinds: ['pod'],
  read({ emulator, location }) {
    if (location.kind !== 'pod') return undefined;
    const pod = emulator.store.get('pods', location.namespace, location.pod);
    const spec = (pod?.spec ?? {}) as { hostname?: string; subdomain?: string; hostNetwork?: boolean };
    const ip = pod?.status?.podIP as string | undefined;
    let text = HEADER;
    if (ip && !spec.hostNetwork) {
      const host = spec.hostname ?? location.pod;
      text += spec.subdomain
        ? `${ip}\t${host}.${spec.subdomain}.${location.namespace}.svc.cluster.local\t${host}\n`
        : `${ip}\t${host}\n`;
    }
    return text;
  },
};

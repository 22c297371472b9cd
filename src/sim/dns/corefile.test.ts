import { describe, expect, it } from 'vitest';
import { parseCorefile } from './corefile';
import { COREFILE } from '../scenarios/system-objects';

describe('parseCorefile', () => {
  it('reads the kubeadm Corefile: zones, pods insecure, ttl 30, fallthrough for reverse zones, forward and cache', () => {
    expect(parseCorefile(COREFILE)).toEqual([
      {
        zones: ['.'],
        port: 53,
        kubernetes: {
          zones: ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.'],
          pods: 'insecure',
          ttl: 30,
          fallthrough: ['in-addr.arpa.', 'ip6.arpa.'],
        },
        forward: { from: '.', to: ['/etc/resolv.conf'] },
        cacheMaxTtl: 30,
        errors: true,
      },
    ]);
  });

  it('uses the plugin defaults when the kubernetes block is empty (ttl 5, pods disabled)', () => {
    const [b] = parseCorefile('.:53 {\n    kubernetes example.local\n}\n');
    expect(b!.kubernetes).toEqual({ zones: ['example.local.'], pods: 'disabled', ttl: 5, fallthrough: [] });
    expect(b!.forward).toBeUndefined();
  });
});

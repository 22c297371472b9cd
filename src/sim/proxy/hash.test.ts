import { describe, expect, it } from 'vitest';
import { base32, portProtoHash, servicePortEndpointChainName, servicePortNameString } from './hash';

describe('kube-proxy chain-name hashing (reference 1.2 test vectors)', () => {
  it.each([
    ['default/kubernetes:https', 'tcp', 'NPX46M4PTMTKRN6Y'],
    ['kube-system/kube-dns:dns', 'udp', 'TCOU7JCQXEZGVUNU'],
    ['kube-system/kube-dns:dns-tcp', 'tcp', 'ERIFXISQEP7F7OF4'],
    ['kube-system/kube-dns:metrics', 'tcp', 'JD5MR3NA4I4DYORP'],
    ['default/my-nginx', 'tcp', 'L65ENXXZWWSAPRCR'],
    ['default/web', 'tcp', 'LOLE4ISW44XBNF3G'],
    ['ns1/svc1:p80', 'tcp', 'XPGD46QRK7WJZT7O'],
    ['default/svc-clusterip:svc-webport', 'tcp', 'KBDEBIL6IU6WL7RF'],
  ])('hashes %s + %s to %s', (spn, proto, expected) => {
    expect(portProtoHash(spn, proto)).toBe(expected);
  });

  it.each([
    ['default/my-nginx', 'tcp', '10.244.3.3:80', 'KUBE-SEP-MEZP33SDGZXSPSO5'],
    ['default/kubernetes:https', 'tcp', '172.20.0.2:6443', 'KUBE-SEP-ME73ZWD7U6KL3OSU'],
    ['kube-system/kube-dns:dns', 'udp', '10.244.0.3:53', 'KUBE-SEP-6E7XQMQ4RAYOWTTM'],
    ['ns1/svc1', 'tcp', '10.0.1.1:80', 'KUBE-SEP-3JOIVZTXZZRGORX4'],
    ['default/svc-clusterip:svc-webport', 'tcp', '10.244.1.5:8080', 'KUBE-SEP-M3JM2ZM2KY3LM3ZV'],
    ['default/svc-clusterip:svc-webport', 'tcp', '10.244.2.6:8080', 'KUBE-SEP-VRXQPFF6L6DPJ6JY'],
    ['default/svc-clusterip:svc-webport', 'tcp', '10.244.3.7:8080', 'KUBE-SEP-DD3P3R6KDS4DUKA4'],
  ])('names the endpoint chain of %s %s %s %s', (spn, proto, ep, expected) => {
    expect(servicePortEndpointChainName(spn, proto, ep)).toBe(expected);
  });

  it('encodes base32 with RFC 4648 padding', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI======');
  });

  it('leaves the colon off an unnamed port', () => {
    expect(servicePortNameString('default', 'my-nginx', '')).toBe('default/my-nginx');
    expect(servicePortNameString('default', 'web', 'http')).toBe('default/web:http');
  });
});

import { describe, expect, it } from 'vitest';
import { defaultLoadBalancerIPMode, loadBalancerStatusErrors, type LoadBalancerIngress } from './servicestatus';

// Cases and messages from upstream 1.31: pkg/apis/core/validation/validation.go
// ValidateLoadBalancerStatus (with k8s.io/apimachinery's IsValidIP and IsDNS1123Subdomain) and
// pkg/apis/core/v1/defaults.go SetDefaults_Service (LoadBalancerIPMode on by default since 1.30).
describe("a Service's load-balancer status", () => {
  it('defaults the ipMode of a LoadBalancer ingress IP to VIP, and nothing else', () => {
    const lb: LoadBalancerIngress[] = [
      { ip: '172.18.255.200' },
      { hostname: 'lb.example.com' },
      { ip: '10.0.0.1', ipMode: 'Proxy' },
    ];
    defaultLoadBalancerIPMode('LoadBalancer', lb);
    expect(lb).toEqual([
      { ip: '172.18.255.200', ipMode: 'VIP' },
      { hostname: 'lb.example.com' },
      { ip: '10.0.0.1', ipMode: 'Proxy' },
    ]);
    const np: LoadBalancerIngress[] = [{ ip: '172.18.255.200' }];
    defaultLoadBalancerIPMode('NodePort', np);
    expect(np).toEqual([{ ip: '172.18.255.200' }]);
  });

  it('accepts IPs and DNS names, and refuses ingress points on a Service that is not a LoadBalancer', () => {
    expect(
      loadBalancerStatusErrors('LoadBalancer', [
        { ip: '172.18.255.200', ipMode: 'VIP' },
        { hostname: 'a.example.com' },
      ]),
    ).toEqual([]);
    expect(loadBalancerStatusErrors('LoadBalancer', [{ ip: '2001:db8::1', ipMode: 'VIP' }])).toEqual([]);
    expect(loadBalancerStatusErrors('ClusterIP', [])).toEqual([]);
    expect(loadBalancerStatusErrors('NodePort', [{ ip: '172.18.255.200' }])).toEqual([
      {
        field: 'status.loadBalancer.ingress',
        detail: "Forbidden: may only be used when `spec.type` is 'LoadBalancer'",
      },
    ]);
  });

  it('names each bad field with the validation message', () => {
    expect(
      loadBalancerStatusErrors('LoadBalancer', [
        { ip: '172.18.255.300', ipMode: 'VIP' },
        { hostname: 'lb.example.com', ipMode: 'VIP' },
        { ip: '172.18.255.201', ipMode: 'vip' },
        { hostname: '172.18.255.202' },
        { hostname: 'LB.example.com' },
      ]),
    ).toEqual([
      {
        field: 'status.loadBalancer.ingress[0].ip',
        detail: 'Invalid value: "172.18.255.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      },
      {
        field: 'status.loadBalancer.ingress[1].ipMode',
        detail: 'Forbidden: may not be specified when `ip` is not set',
      },
      {
        field: 'status.loadBalancer.ingress[2].ipMode',
        detail: 'Unsupported value: "vip": supported values: "Proxy", "VIP"',
      },
      {
        field: 'status.loadBalancer.ingress[3].hostname',
        detail: 'Invalid value: "172.18.255.202": must be a DNS name, not an IP address',
      },
      {
        field: 'status.loadBalancer.ingress[4].hostname',
        detail:
          "Invalid value: \"LB.example.com\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
    ]);
  });
});

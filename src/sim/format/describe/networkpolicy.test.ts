import { describe, expect, it } from 'vitest';
import { NOW, obj } from '../printers/fixtures.test-helpers';
import { contextWith } from './context.test-helpers';
import { describeObject } from './index';

describe('describe networkpolicy', () => {
  it('prints the documentation example the way kubectl does', () => {
    const np = obj('NetworkPolicy', 'test-network-policy', {
      namespace: 'default',
      metadata: { name: 'test-network-policy', namespace: 'default', creationTimestamp: '2026-10-02T15:50:00Z' },
      spec: {
        podSelector: { matchLabels: { role: 'db' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [
              { ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } },
              { namespaceSelector: { matchLabels: { project: 'myproject' } } },
              { podSelector: { matchLabels: { role: 'frontend' } } },
            ],
            ports: [{ protocol: 'TCP', port: 6379 }],
          },
        ],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
      },
    });
    expect(describeObject('networkpolicies', np, contextWith(NOW, []))).toBe(
      [
        'Name:         test-network-policy',
        'Namespace:    default',
        'Created on:   2026-10-02 15:50:00 +0000 UTC',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Spec:',
        '  PodSelector:     role=db',
        '  Allowing ingress traffic:',
        '    To Port: 6379/TCP',
        '    From:',
        '      IPBlock:',
        '        CIDR: 172.17.0.0/16',
        '        Except: 172.17.1.0/24',
        '    From:',
        '      NamespaceSelector: project=myproject',
        '    From:',
        '      PodSelector: role=frontend',
        '  Allowing egress traffic:',
        '    To Port: 5978/TCP',
        '    To:',
        '      IPBlock:',
        '        CIDR: 10.0.0.0/24',
        '        Except: ',
        '  Policy Types: Ingress, Egress',
        '',
      ].join('\n'),
    );
  });

  it('explains an empty pod selector and isolated ingress', () => {
    const np = obj('NetworkPolicy', 'deny-all', {
      namespace: 'default',
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
    expect(describeObject('networkpolicies', np, contextWith(NOW, []))!.split('Spec:\n')[1]).toBe(
      '  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)\n' +
        '  Allowing ingress traffic:\n' +
        '    <none> (Selected pods are isolated for ingress connectivity)\n' +
        '  Not affecting egress traffic\n' +
        '  Policy Types: Ingress\n',
    );
  });
});

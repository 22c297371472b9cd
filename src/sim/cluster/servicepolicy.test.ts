import { describe, expect, it } from 'vitest';
import {
  defaultExternalTrafficPolicy,
  dropTrafficPolicyFields,
  externallyAccessible,
  needsHealthCheck,
  trafficPolicyErrors,
} from './servicepolicy';

// Cases from upstream: pkg/api/service/util_test.go (ExternallyAccessible), pkg/apis/core/v1
// defaults_test.go (TestSetDefaultServiceExternalTraffic), strategy_test.go
// (TestDropTypeDependentFields) and validation_test.go (TestValidateServiceCreate's
// externalTrafficPolicy and healthCheckNodePort cases); messages from validation.go.
describe("a Service's traffic-policy fields", () => {
  it('counts NodePort, LoadBalancer and ClusterIP-with-externalIPs as externally accessible', () => {
    expect(externallyAccessible({ type: 'NodePort' })).toBe(true);
    expect(externallyAccessible({ type: 'LoadBalancer' })).toBe(true);
    expect(externallyAccessible({ type: 'ClusterIP', externalIPs: ['1.2.3.4'] })).toBe(true);
    expect(externallyAccessible({ type: 'ClusterIP' })).toBe(false);
    expect(externallyAccessible({ type: 'ClusterIP', externalIPs: [] })).toBe(false);
    expect(externallyAccessible({ type: 'ExternalName', externalIPs: ['1.2.3.4'] })).toBe(false);
  });

  it('defaults externalTrafficPolicy to Cluster where it applies, and leaves it unset elsewhere', () => {
    const withIPs: { type: string; externalIPs: string[]; externalTrafficPolicy?: string } = {
      type: 'ClusterIP',
      externalIPs: ['1.2.3.4'],
    };
    defaultExternalTrafficPolicy(withIPs);
    expect(withIPs.externalTrafficPolicy).toBe('Cluster');
    const plain: { type: string; externalTrafficPolicy?: string } = { type: 'ClusterIP' };
    defaultExternalTrafficPolicy(plain);
    expect(plain.externalTrafficPolicy).toBeUndefined();
    const local = { type: 'NodePort', externalTrafficPolicy: 'Local' };
    defaultExternalTrafficPolicy(local);
    expect(local.externalTrafficPolicy).toBe('Local');
  });

  it('accepts Local on a ClusterIP Service with externalIPs and refuses it without them', () => {
    expect(
      trafficPolicyErrors({ type: 'ClusterIP', externalIPs: ['1.2.3.4'], externalTrafficPolicy: 'Local' }),
    ).toEqual([]);
    expect(trafficPolicyErrors({ type: 'ClusterIP', externalTrafficPolicy: 'Local' })).toEqual([
      {
        field: 'spec.externalTrafficPolicy',
        detail: 'Invalid value: "Local": may only be set for externally-accessible services',
      },
    ]);
    expect(trafficPolicyErrors({ type: 'NodePort', externalTrafficPolicy: 'local' })).toEqual([
      {
        field: 'spec.externalTrafficPolicy',
        detail: 'Unsupported value: "local": supported values: "Cluster", "Local"',
      },
    ]);
    expect(trafficPolicyErrors({ type: 'ClusterIP', internalTrafficPolicy: 'local' })).toEqual([
      {
        field: 'spec.internalTrafficPolicy',
        detail: 'Unsupported value: "local": supported values: "Cluster", "Local"',
      },
    ]);
  });

  it('gives only a LoadBalancer with Local a health check node port', () => {
    expect(needsHealthCheck({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' })).toBe(true);
    expect(needsHealthCheck({ type: 'NodePort', externalTrafficPolicy: 'Local' })).toBe(false);
    expect(
      trafficPolicyErrors({ type: 'NodePort', externalTrafficPolicy: 'Local', healthCheckNodePort: 32000 }),
    ).toEqual([
      {
        field: 'spec.healthCheckNodePort',
        detail:
          "Invalid value: 32000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
      },
    ]);
    const lb = { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 32000 };
    expect(trafficPolicyErrors({ ...lb, healthCheckNodePort: 32001 }, lb)).toEqual([
      { field: 'spec.healthCheckNodePort', detail: 'Forbidden: field is immutable' },
    ]);
  });

  it('drops a policy the update did not touch when the Service stops being externally accessible', () => {
    const old = { type: 'ClusterIP', externalIPs: ['1.2.3.4'], externalTrafficPolicy: 'Local' };
    const next: { type: string; externalTrafficPolicy?: string } = {
      type: 'ClusterIP',
      externalTrafficPolicy: 'Local',
    };
    dropTrafficPolicyFields(next, old);
    expect(next.externalTrafficPolicy).toBeUndefined();
    // Changed in the same update: kept, and validation says why it cannot be.
    const changed: { type: string; externalTrafficPolicy?: string } = {
      type: 'ClusterIP',
      externalTrafficPolicy: 'Cluster',
    };
    dropTrafficPolicyFields(changed, old);
    expect(changed.externalTrafficPolicy).toBe('Cluster');
    const lb = { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 32000 };
    const toNodePort: { type: string; externalTrafficPolicy: string; healthCheckNodePort?: number } = {
      ...lb,
      type: 'NodePort',
    };
    dropTrafficPolicyFields(toNodePort, lb);
    expect(toNodePort).toEqual({ type: 'NodePort', externalTrafficPolicy: 'Local' });
  });
});

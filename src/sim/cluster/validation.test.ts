/**
 * What the API server refuses before storing an object. Expected texts are kube-apiserver 1.31's:
 * validation.IsValidIP and ValidateNonSpecialIP (pkg/apis/core/validation), ValidateNonnegativeField
 * for spec.replicas; the replica cap is netlab's own line (the real API takes up to 2^31-1).
 */
import { describe, expect, it } from 'vitest';
import { NotEmulatedError } from './errors';
import type { KubeObject } from './types';
import { MAX_EMULATED_REPLICAS, validateObject } from './validation';

function service(externalIPs: unknown[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { ports: [{ port: 80 }], externalIPs },
  };
}

function deployment(replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
    },
  };
}

describe('validateObject', () => {
  it('refuses an externalIP that is not an address, or a special one', () => {
    const cases: [string, string][] = [
      ['1.2.3', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
      ['999.1.1.1', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
      ['0.0.0.0', 'may not be unspecified (0.0.0.0)'],
      ['127.0.0.1', 'may not be in the loopback range (127.0.0.0/8, ::1/128)'],
      ['169.254.169.254', 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'],
      ['224.0.0.5', 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'],
    ];
    for (const [ip, detail] of cases)
      expect(validateObject(service([ip]))?.kubectlMessage()).toBe(
        `The Service "web" is invalid: spec.externalIPs[0]: Invalid value: "${ip}": ${detail}`,
      );
    expect(validateObject(service(['10.0.0.1', '192.168.1.10']))).toBeUndefined();
    // net.ParseIP accepts leading zeros; the API (1.31) stores what it was given.
    expect(validateObject(service(['010.000.000.001']))).toBeUndefined();
  });

  it('lists every bad entry, as the API server joins several causes', () => {
    expect(validateObject(service(['1.2.3', '10.0.0.1', '127.0.0.2']))?.kubectlMessage()).toBe(
      'The Service "web" is invalid: [spec.externalIPs[0]: Invalid value: "1.2.3": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff), spec.externalIPs[2]: Invalid value: "127.0.0.2": may not be in the loopback range (127.0.0.0/8, ::1/128)]',
    );
  });

  it('says an IPv6 external IP is not emulated instead of breaking the IPv4 data plane', () => {
    const err = validateObject(service(['2001:db8::1']));
    expect(err).toBeInstanceOf(NotEmulatedError);
    expect(err?.kubectlMessage()).toMatch(/^netlab: .* not emulated/);
  });

  it('refuses negative replicas and caps what the emulator can run', () => {
    expect(validateObject(deployment(-1))?.kubectlMessage()).toBe(
      'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(validateObject(deployment(MAX_EMULATED_REPLICAS))).toBeUndefined();
    const err = validateObject(deployment(MAX_EMULATED_REPLICAS + 1));
    expect(err).toBeInstanceOf(NotEmulatedError);
    expect(err?.kubectlMessage()).toBe(
      `netlab: ${MAX_EMULATED_REPLICAS + 1} replicas (deployment "web") is not emulated beyond ${MAX_EMULATED_REPLICAS} replicas`,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { formatCustomColumns, parseCustomColumnsSpec } from './customColumns';

const pods = [
  {
    metadata: { name: 'web-1', labels: { app: 'web' } },
    status: { podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }] },
  },
  { metadata: { name: 'pending-0' }, status: {} },
];

describe('formatCustomColumns', () => {
  it('prints the headers as given and one row per object', () => {
    expect(formatCustomColumns('NAME:.metadata.name,IP:.status.podIP', pods)).toBe(
      'NAME        IP\n' + 'web-1       10.244.1.5\n' + 'pending-0   <none>\n',
    );
  });

  it('accepts paths without the leading dot or with braces', () => {
    expect(formatCustomColumns('Name:metadata.name,Ip:{.status.podIP}', pods.slice(0, 1))).toBe(
      'Name    Ip\nweb-1   10.244.1.5\n',
    );
  });

  it('joins several values with commas and prints maps Go-style', () => {
    const obj = { spec: { ports: [{ port: 80 }, { port: 443 }] }, metadata: { labels: { b: '2', a: '1' } } };
    expect(formatCustomColumns('PORTS:.spec.ports[*].port,LABELS:.metadata.labels', [obj])).toBe(
      'PORTS    LABELS\n' + '80,443   map[a:1 b:2]\n',
    );
  });

  it('leaves out the header with noHeaders', () => {
    expect(formatCustomColumns('NAME:.metadata.name', pods, { noHeaders: true })).toBe('web-1\npending-0\n');
  });
});

describe('parseCustomColumnsSpec', () => {
  it('rejects a column without a colon', () => {
    expect(() => parseCustomColumnsSpec('NAME')).toThrow(
      'unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>',
    );
  });

  it('rejects an empty spec', () => {
    expect(() => parseCustomColumnsSpec('')).toThrow('custom-columns format specified but no custom columns given');
  });
});

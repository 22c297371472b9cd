import { describe, expect, it } from 'vitest';
import { asList } from './json';
import { toKubectlYaml, toKubectlYamlDocuments, yamlKeyLess } from './yaml';

describe('toKubectlYaml', () => {
  it('prints a Service as kubectl does (the reference sample)', () => {
    const svc = {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: {
        name: 'mealie',
        namespace: 'mealie',
        uid: '0af9bcab-2fac-4459-8df1-c3d163e981cb',
        resourceVersion: '16996',
        creationTimestamp: '2025-12-28T20:47:40Z',
        labels: { app: 'mealie' },
      },
      spec: {
        ports: [{ name: 'svc-1-80', protocol: 'TCP', port: 9000, targetPort: 9000, nodePort: 30837 }],
        selector: { app: 'mealie' },
        clusterIP: '10.43.160.246',
        clusterIPs: ['10.43.160.246'],
        type: 'ClusterIP',
        sessionAffinity: 'None',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
        externalTrafficPolicy: 'Cluster',
      },
      status: { loadBalancer: {} },
    };
    expect(toKubectlYaml(svc)).toBe(
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  creationTimestamp: "2025-12-28T20:47:40Z"',
        '  labels:',
        '    app: mealie',
        '  name: mealie',
        '  namespace: mealie',
        '  resourceVersion: "16996"',
        '  uid: 0af9bcab-2fac-4459-8df1-c3d163e981cb',
        'spec:',
        '  clusterIP: 10.43.160.246',
        '  clusterIPs:',
        '  - 10.43.160.246',
        '  externalTrafficPolicy: Cluster',
        '  internalTrafficPolicy: Cluster',
        '  ipFamilies:',
        '  - IPv4',
        '  ipFamilyPolicy: SingleStack',
        '  ports:',
        '  - name: svc-1-80',
        '    nodePort: 30837',
        '    port: 9000',
        '    protocol: TCP',
        '    targetPort: 9000',
        '  selector:',
        '    app: mealie',
        '  sessionAffinity: None',
        '  type: ClusterIP',
        'status:',
        '  loadBalancer: {}',
        '',
      ].join('\n'),
    );
  });

  it('wraps a list with kind List and an empty resourceVersion', () => {
    expect(toKubectlYaml(asList([{ apiVersion: 'v1', kind: 'Pod' }]))).toBe(
      'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    );
  });

  it('double-quotes strings that would read as numbers, booleans, null or timestamps', () => {
    expect(
      toKubectlYaml({
        a: '80',
        b: 'yes',
        c: 'off',
        d: 'null',
        e: '',
        f: '1.5',
        g: '0x1F',
        h: '2024-05-01',
        i: 'true',
        j: '1e3',
      }),
    ).toBe(
      'a: "80"\nb: "yes"\nc: "off"\nd: "null"\ne: ""\nf: "1.5"\ng: "0x1F"\nh: "2024-05-01"\ni: "true"\nj: "1e3"\n',
    );
  });

  it('single-quotes strings that start with an indicator character', () => {
    expect(toKubectlYaml({ verbs: ['*'], x: '- a', w: 'a: b', z: '@home' })).toBe(
      "verbs:\n- '*'\nw: 'a: b'\nx: '- a'\nz: '@home'\n",
    );
  });

  it('leaves ordinary strings, IPs and CIDRs plain', () => {
    expect(toKubectlYaml({ cidr: '10.10.0.0/16', img: 'traefik/whoami:v1.10', port: '80/TCP' })).toBe(
      'cidr: 10.10.0.0/16\nimg: traefik/whoami:v1.10\nport: 80/TCP\n',
    );
  });

  it('quotes a sexagesimal-looking string as go-yaml v2 does', () => {
    expect(toKubectlYaml({ t: '10:30' })).toBe('t: "10:30"\n');
  });

  it('writes a multi-line string as a literal block, clipped or stripped', () => {
    expect(toKubectlYaml({ a: { script: 'echo hi\nexit 0\n', note: 'line1\n\nline3' } })).toBe(
      'a:\n  note: |-\n    line1\n\n    line3\n  script: |\n    echo hi\n    exit 0\n',
    );
  });

  it('double-quotes a multi-line string with tabs instead of using a block', () => {
    expect(toKubectlYaml({ a: 'x\ty\nz' })).toBe('a: "x\\ty\\nz"\n');
  });

  it('does not fold long strings', () => {
    const long = 'word '.repeat(30).trim();
    expect(toKubectlYaml({ description: long })).toBe(`description: ${long}\n`);
  });

  it('nests maps in lists and lists in lists', () => {
    expect(
      toKubectlYaml({
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
        m: [[1, 2], []],
        e: [{}],
      }),
    ).toBe(
      'e:\n- {}\nm:\n- - 1\n  - 2\n- []\nrules:\n- apiGroups:\n  - ""\n  resources:\n  - pods\n  verbs:\n  - get\n  - list\n',
    );
  });

  it('prints null, booleans and floats', () => {
    expect(toKubectlYaml({ a: null, b: false, c: 0.5 })).toBe('a: null\nb: false\nc: 0.5\n');
  });

  it('puts a literal block inside a list item at the item content indent', () => {
    expect(toKubectlYaml({ args: ['a\nb'] })).toBe('args:\n- |-\n  a\n  b\n');
  });
});

describe('toKubectlYamlDocuments', () => {
  it('separates documents with ---', () => {
    expect(toKubectlYamlDocuments([{ a: 1 }, { b: 2 }])).toBe('a: 1\n---\nb: 2\n');
  });
});

describe('yamlKeyLess', () => {
  it('orders digit runs numerically', () => {
    expect(yamlKeyLess('port9', 'port10')).toBe(true);
  });

  it('orders a non-letter before a letter', () => {
    expect(yamlKeyLess('a_b', 'aZ')).toBe(true);
  });

  it('orders a prefix first', () => {
    expect(yamlKeyLess('app', 'app.kubernetes.io/name')).toBe(true);
  });
});

describe('toKubectlYaml keys', () => {
  it('double-quotes a key that go-yaml would read as a boolean', () => {
    expect(toKubectlYaml({ y: 'v' })).toBe('"y": v\n');
  });
});

import { describe, expect, it } from 'vitest';
import { executeJsonPath, JsonPathError, parseJsonPath, relaxedJsonPathExpression } from './jsonpath';

const pods = {
  apiVersion: 'v1',
  kind: 'List',
  items: [
    {
      metadata: { name: 'web-1', labels: { app: 'web' } },
      status: { podIP: '10.244.1.5' },
      spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] },
    },
    {
      metadata: { name: 'web-2', labels: { app: 'web' } },
      status: { podIP: '10.244.2.6' },
      spec: { containers: [{ name: 'c' }] },
    },
    { metadata: { name: 'db-1', labels: { app: 'db' } }, status: {}, spec: { containers: [] } },
  ],
};

const node = {
  metadata: { name: 'myk8s-worker' },
  status: {
    addresses: [
      { type: 'InternalIP', address: '172.18.0.3' },
      { type: 'Hostname', address: 'myk8s-worker' },
    ],
    capacity: { pods: '110', cpu: '8' },
  },
  spec: { unschedulable: false, podCIDR: '10.10.1.0/24', taints: null },
};

const run = (tmpl: string, data: unknown = pods) => executeJsonPath(tmpl, data);

describe('executeJsonPath output', () => {
  it('prints a string field raw with no newline', () => {
    expect(run('{.metadata.name}', node)).toBe('myk8s-worker');
  });

  it('joins the results of one action with single spaces', () => {
    expect(run('{.items[*].metadata.name}')).toBe('web-1 web-2 db-1');
  });

  it('copies text outside braces literally', () => {
    expect(run('name={.metadata.name}!', node)).toBe('name=myk8s-worker!');
  });

  it('indexes from the end with a negative index', () => {
    expect(run('{.items[-1].metadata.name}')).toBe('db-1');
  });

  it('takes a slice with start and end', () => {
    expect(run('{.items[0:2].metadata.name}')).toBe('web-1 web-2');
  });

  it('takes a slice with a step', () => {
    expect(run('{.items[0:3:2].metadata.name}')).toBe('web-1 db-1');
  });

  it('takes the union of indices', () => {
    expect(run('{.items[0,2].metadata.name}')).toBe('web-1 db-1');
  });

  it('reads a key written in bracket-quote form', () => {
    expect(run("{.items[0].metadata.labels['app']}")).toBe('web');
  });

  it('filters by equality as in the InternalIP idiom', () => {
    expect(run('{.status.addresses[?(@.type=="InternalIP")].address}', node)).toBe('172.18.0.3');
  });

  it('filters by inequality', () => {
    expect(run('{.status.addresses[?(@.type!="InternalIP")].address}', node)).toBe('myk8s-worker');
  });

  it('filters by numeric comparison', () => {
    const data = { ports: [{ port: 80 }, { port: 443 }, { port: 8080 }] };
    expect(run('{.ports[?(@.port>=443)].port}', data)).toBe('443 8080');
    expect(run('{.ports[?(@.port<443)].port}', data)).toBe('80');
  });

  it('filters by existence of a field', () => {
    expect(run('{.items[?(@.status.podIP)].metadata.name}')).toBe('web-1 web-2');
  });

  it('descends recursively with ..', () => {
    expect(run('{..containerPort}')).toBe('80');
    expect(run('{.items[0]..name}')).toBe('web-1 c');
  });

  it('expands map values with .* in key order', () => {
    expect(run('{.status.capacity.*}', node)).toBe('8 110');
  });

  it('prints maps and lists as compact JSON with sorted keys', () => {
    expect(run('{.status.capacity}', node)).toBe('{"cpu":"8","pods":"110"}');
    expect(run('{.items[0].spec.containers[0].ports}')).toBe('[{"containerPort":80}]');
  });

  it('prints booleans, numbers and null Go-style', () => {
    expect(
      run('{.spec.unschedulable} {.items[0].spec.containers[0].ports[0].containerPort} {.spec.taints}', {
        ...node,
        items: pods.items,
      }),
    ).toBe('false 80 null');
  });

  it('loops with range and end, printing quoted text', () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}')).toBe(
      'web-1\t10.244.1.5\nweb-2\t10.244.2.6\ndb-1\t\n',
    );
  });

  it('accepts single-quoted text', () => {
    expect(run("{range .items[*]}{.metadata.name}{'\\n'}{end}")).toBe('web-1\nweb-2\ndb-1\n');
  });

  it('nests ranges', () => {
    const data = {
      items: [
        { n: 'a', xs: [1, 2] },
        { n: 'b', xs: [3] },
      ],
    };
    expect(run('{range .items[*]}{.n}:{range .xs[*]}{@},{end};{end}', data)).toBe('a:1,2,;b:3,;');
  });

  it('skips a range over an empty list and continues after its end', () => {
    expect(run('[{range .items[*]}{.x}{end}]', { items: [] })).toBe('[]');
  });

  it('prints nothing for a missing key', () => {
    expect(run('{.status.loadBalancer.ingress[0].ip}', node)).toBe('');
  });

  it('prints the whole object for {@} as JSON', () => {
    expect(run('{@}', { b: 1, a: 'x' })).toBe('{"a":"x","b":1}');
  });

  it('reads a key with escaped dots', () => {
    expect(
      run('{.metadata.annotations.kubernetes\\.io/change-cause}', {
        metadata: { annotations: { 'kubernetes.io/change-cause': 'v2' } },
      }),
    ).toBe('v2');
  });

  it('prints one JSON array per action for jsonpath-as-json', () => {
    expect(executeJsonPath('{.items[*].metadata.name}', pods, { outputJson: true })).toBe(
      '[\n    "web-1",\n    "web-2",\n    "db-1"\n]\n',
    );
  });
});

describe('executeJsonPath errors', () => {
  const errorOf = (fn: () => unknown): JsonPathError => {
    try {
      fn();
    } catch (e) {
      return e as JsonPathError;
    }
    throw new Error('expected an error');
  };

  it('reports an unclosed action as a parse error', () => {
    const e = errorOf(() => parseJsonPath('{.metadata.name'));
    expect([e.kind, e.message]).toEqual(['parse', 'unclosed action']);
  });

  it('reports an unrecognized character with its code point', () => {
    expect(errorOf(() => parseJsonPath('{#}')).message).toBe("unrecognized character in action: U+0023 '#'");
  });

  it('reports an unterminated array', () => {
    expect(errorOf(() => parseJsonPath('{.items[0}')).message).toBe('unterminated array');
  });

  it('reports an unterminated filter', () => {
    expect(errorOf(() => parseJsonPath('{.items[?(@.a=="b"}')).message).toBe('unterminated filter');
  });

  it('reports an index past the end at execution time', () => {
    const e = errorOf(() => run('{.items[5]}'));
    expect([e.kind, e.message]).toEqual(['execute', 'array index out of bounds: index 5, length 3']);
  });

  it('reports an end outside any range', () => {
    expect(errorOf(() => run('{end}')).message).toBe('not in range, nothing to end');
  });

  it('reports indexing into something that is not a list', () => {
    expect(errorOf(() => run('{.metadata[0]}', node)).message).toBe('map[string]interface {} is not array or slice');
  });

  it('reports a missing key when missing keys are not allowed', () => {
    expect(errorOf(() => executeJsonPath('{.spec.nope}', node, { allowMissingKeys: false })).message).toBe(
      'nope is not found',
    );
  });

  it('reports filtering a null list like client-go', () => {
    expect(errorOf(() => run('{.spec.taints[?(@.effect=="NoSchedule")]}', node)).message).toBe(
      '<nil> is not array or slice and cannot be filtered',
    );
  });
});

describe('relaxedJsonPathExpression', () => {
  it('adds braces and a leading dot to a bare path', () => {
    expect(relaxedJsonPathExpression('metadata.name')).toBe('{.metadata.name}');
    expect(relaxedJsonPathExpression('.status.podIP')).toBe('{.status.podIP}');
    expect(relaxedJsonPathExpression('{.spec.nodeName}')).toBe('{.spec.nodeName}');
  });
});

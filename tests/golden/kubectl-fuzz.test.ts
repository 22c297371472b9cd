/**
 * Random and malformed YAML through `kubectl apply -f -`: kubectl never throws, and every run ends
 * with either a result line per object or an error message, with a matching exit code.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/sim/core/rng';
import { KubectlHarness } from './kubectl-harness';

const FRAGMENTS = [
  'apiVersion: v1\n',
  'kind: Pod\n',
  'kind: Service\n',
  'kind: Deployment\n',
  'apiVersion: apps/v1\n',
  'kind: Foo\n',
  'metadata:\n  name: x\n',
  'metadata:\n  name: Bad_Name\n',
  'metadata: 3\n',
  'spec:\n  ports:\n  - port: 80\n',
  'spec:\n  containers:\n  - name: c\n    image: nginx\n',
  'spec:\n  selector: {a: b}\n',
  '---\n',
  '- a\n- b\n',
  '  bad: indent\n',
  'key: [unclosed\n',
  '\t tab: x\n',
  'a: &x 1\nb: *x\n',
  '"quoted": "str"\n',
  '{}\n',
  'null\n',
  '42\n',
  'kind: List\nitems:\n- 1\n',
  'spec:\n  ports:\n  - port: 99999\n',
  'spec:\n  type: Weird\n',
  'metadata:\n  name: y\n  namespace: nope\n',
  ': : :\n',
  '%YAML 1.2\n',
];

function randomManifest(rng: Rng): string {
  let s = '';
  const n = 1 + rng.int(8);
  for (let i = 0; i < n; i++) s += rng.pick(FRAGMENTS);
  if (rng.int(4) === 0) s = s.slice(0, rng.int(s.length + 1));
  return s;
}

describe('kubectl apply -f - with random input', () => {
  it('always answers with results or an error, never an exception', async () => {
    const rng = new Rng(12345);
    const h = KubectlHarness.scenario('kind-iptables', 1);
    for (let i = 0; i < 300; i++) {
      const input = randomManifest(rng);
      const r = await h.run('kubectl apply -f -', { stdin: input, tick: false });
      const said = r.stdout + r.stderr;
      expect(said.length, `no output for:\n${input}`).toBeGreaterThan(0);
      if (r.code === 0) expect(r.stdout).toMatch(/ (created|configured|unchanged)\n$/);
      else expect(r.stderr).toMatch(/(^error: |Error from server|is invalid|error: )/m);
    }
  });
});

/**
 * Flag values as kubectl's pflag parses them (strconv.ParseInt with base 0, ParseBool,
 * time.ParseDuration): every expected text below was printed by the real kubectl 1.31 client
 * (`kubectl.1.31 <line> --kubeconfig=/dev/null --server=http://127.0.0.1:1`; flag parsing happens
 * before any request). Before this, `--node-port=3008O` created a Service whose node port was NaN
 * and broke every later curl, ping and iptables listing.
 */
import { describe, expect, it } from 'vitest';
import { KubectlHarness } from './kubectl-harness';

const REFUSED: [string, string, string][] = [
  [
    'create service nodeport np --tcp=80:80 --node-port=3008O',
    'invalid argument "3008O" for "--node-port" flag: strconv.ParseInt: parsing "3008O": invalid syntax',
    'create service nodeport',
  ],
  [
    'create service nodeport np --tcp=80:80 --node-port=30080.5',
    'invalid argument "30080.5" for "--node-port" flag: strconv.ParseInt: parsing "30080.5": invalid syntax',
    'create service nodeport',
  ],
  [
    'create service nodeport np --tcp=80:80 --node-port=1__0',
    'invalid argument "1__0" for "--node-port" flag: strconv.ParseInt: parsing "1__0": invalid syntax',
    'create service nodeport',
  ],
  [
    'create service nodeport np --tcp=80:80 --node-port=0x',
    'invalid argument "0x" for "--node-port" flag: strconv.ParseInt: parsing "0x": invalid syntax',
    'create service nodeport',
  ],
  [
    'create service nodeport np --tcp=80:80 --node-port=08',
    'invalid argument "08" for "--node-port" flag: strconv.ParseInt: parsing "08": invalid syntax',
    'create service nodeport',
  ],
  [
    'create service nodeport np --tcp=80:80 --node-port=99999999999999999999x',
    'invalid argument "99999999999999999999x" for "--node-port" flag: strconv.ParseInt: parsing "99999999999999999999x": value out of range',
    'create service nodeport',
  ],
  [
    'create deployment big --image=nginx --replicas=2147483648',
    'invalid argument "2147483648" for "-r, --replicas" flag: strconv.ParseInt: parsing "2147483648": value out of range',
    'create deployment',
  ],
  [
    'create deployment big --image=nginx -r -2147483649',
    'invalid argument "-2147483649" for "-r, --replicas" flag: strconv.ParseInt: parsing "-2147483649": value out of range',
    'create deployment',
  ],
  [
    'create deployment big --image=nginx --port=é',
    'invalid argument "é" for "--port" flag: strconv.ParseInt: parsing "é": invalid syntax',
    'create deployment',
  ],
  [
    'scale deploy web --replicas=3.0',
    'invalid argument "3.0" for "--replicas" flag: strconv.ParseInt: parsing "3.0": invalid syntax',
    'scale',
  ],
  [
    'scale deploy web --replicas=',
    'invalid argument "" for "--replicas" flag: strconv.ParseInt: parsing "": invalid syntax',
    'scale',
  ],
  [
    'wait pod/x --for=delete --timeout=5',
    'invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"',
    'wait',
  ],
  [
    'wait pod/x --for=delete --timeout=1h1x',
    'invalid argument "1h1x" for "--timeout" flag: time: unknown unit "x" in duration "1h1x"',
    'wait',
  ],
  [
    'wait pod/x --for=delete --timeout=.s',
    'invalid argument ".s" for "--timeout" flag: time: invalid duration ".s"',
    'wait',
  ],
  [
    'wait pod/x --for=delete --timeout=9999999999h',
    'invalid argument "9999999999h" for "--timeout" flag: time: invalid duration "9999999999h"',
    'wait',
  ],
  [
    'rollout status deploy/x --timeout=1.5',
    'invalid argument "1.5" for "--timeout" flag: time: missing unit in duration "1.5"',
    'rollout status',
  ],
  [
    'get pods --show-labels=yes',
    'invalid argument "yes" for "--show-labels" flag: strconv.ParseBool: parsing "yes": invalid syntax',
    'get',
  ],
  [
    'get pods -A=maybe',
    'invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    'get',
  ],
  [
    'delete pod x --grace-period=ten',
    'invalid argument "ten" for "--grace-period" flag: strconv.ParseInt: parsing "ten": invalid syntax',
    'delete',
  ],
  [
    'logs x --tail=-1x',
    'invalid argument "-1x" for "--tail" flag: strconv.ParseInt: parsing "-1x": invalid syntax',
    'logs',
  ],
  [
    'get pods -v=abc',
    'invalid argument "abc" for "-v, --v" flag: strconv.ParseInt: parsing "abc": invalid syntax',
    'get',
  ],
];

describe('kubectl flag values', () => {
  for (const [line, message, help] of REFUSED)
    it(`refuses ${line.split(' --').pop()!.split(' -').pop()} the way pflag does`, async () => {
      const h = KubectlHarness.scenario('kind-iptables', 1);
      const r = await h.run(`kubectl ${line}`);
      expect(r).toEqual({
        stdout: '',
        stderr: `error: ${message}\nSee 'kubectl ${help} --help' for usage.\n`,
        code: 1,
      });
    });

  it('reads ints the way Go does: base prefixes, underscores, a sign', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    // kubectl.1.31 ... --dry-run=client -o yaml prints nodePort: 30001 and replicas: 10 and 3.
    const np = await h.run(
      "kubectl create service nodeport np --tcp=80:80 --node-port=0x7531 --dry-run=client -o jsonpath='{.spec.ports[0].nodePort}'",
    );
    expect(np.stdout).toBe('30001');
    const r = await h.run(
      "kubectl create deployment web --image=nginx --replicas=1_0 --dry-run=client -o jsonpath='{.spec.replicas}'",
    );
    expect(r.stdout).toBe('10');
    const plus = await h.run(
      "kubectl create deployment web --image=nginx -r +3 --dry-run=client -o jsonpath='{.spec.replicas}'",
    );
    expect(plus.stdout).toBe('3');
  });

  it('leaves nothing behind when a value is refused', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    await h.run('kubectl create service nodeport np --tcp=80:80 --node-port=3008O');
    expect((await h.run('kubectl get svc np')).stderr).toBe('Error from server (NotFound): services "np" not found\n');
  });

  it('says which logs flags it does not model instead of ignoring them', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    const r = await h.run('kubectl logs -n kube-system etcd-myk8s-control-plane --since=5m');
    expect(r).toEqual({ stdout: '', stderr: 'netlab: kubectl logs --since is not emulated\n', code: 1 });
  });
});

describe('kubectl scale', () => {
  it("checks its counts as scale.go's Validate does", async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    await h.run('kubectl create deployment web --image=nginx');
    // kubectl.1.31 scale deploy web --replicas=-3 / --replicas=2 --current-replicas=-5 / no --replicas
    expect(await h.run('kubectl scale deploy web --replicas=-3')).toEqual({
      stdout: '',
      stderr: 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n',
      code: 1,
    });
    expect((await h.run('kubectl scale deploy web --replicas=2 --current-replicas=-5')).stderr).toBe(
      'error: The --current-replicas must specify an integer of -1 or greater\n',
    );
    expect((await h.run('kubectl scale deploy web --replicas=2 --current-replicas=-1')).stdout).toBe(
      'deployment.apps/web scaled\n',
    );
  });
});

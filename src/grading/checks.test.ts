import { describe, expect, it } from 'vitest';
import { exerciseSchema } from './schema';
import { gradeAttempt, runChecks, runIn } from './checks';
import { replayLines, startState } from './replay';

/** The find-the-ClusterIP exercise, small enough to read here. */
const findClusterIp = exerciseSchema.parse({
  id: 'find-ip',
  title: 'Find the ClusterIP',
  goal: 'What is the ClusterIP of api?',
  scenario: 'kind-iptables',
  setup: [
    'kubectl create deployment api --image=traefik/whoami --replicas=2',
    'kubectl expose deployment api --port=8080 --target-port=80',
  ],
  solution: { lines: [], answer: '10.200.1.198' },
  find: { prompt: 'ClusterIP of api?', run: "kubectl get service api -o jsonpath='{.spec.clusterIP}'" },
});

const exposeWeb = exerciseSchema.parse({
  id: 'expose',
  title: 'Expose web',
  goal: 'Expose web on port 80.',
  scenario: 'kind-iptables',
  setup: ['kubectl create deployment web --image=traefik/whoami --replicas=3', 'sleep 30'],
  solution: { lines: ['kubectl expose deployment web --port=80'] },
  checks: [
    {
      title: 'web has three endpoints',
      run: 'kubectl get endpoints web',
      table: {
        key: 'NAME',
        rows: [{ NAME: 'web', ENDPOINTS: '/10\\.10\\.\\d+\\.\\d+:80(,10\\.10\\.\\d+\\.\\d+:80){2}/' }],
      },
      explain: 'The selector must match the pods.',
    },
  ],
});

describe('find tasks', () => {
  it("compare the answer with the learner's own cluster: two seeds, two values, both pass", async () => {
    const seed1 = await startState(findClusterIp, 1);
    const seed2 = await startState(findClusterIp, 2);
    expect((await runChecks('x/find-ip', findClusterIp, seed1.emu, '10.200.1.198')).passed).toBe(true);
    expect((await runChecks('x/find-ip', findClusterIp, seed2.emu, ' 10.200.1.197\n')).passed).toBe(true);
  });

  it("fail with another cluster's value, without revealing the right one in the reason", async () => {
    const { emu } = await startState(findClusterIp, 2);
    const result = await runChecks('x/find-ip', findClusterIp, emu, '10.200.1.198');
    expect(result.checks).toEqual([
      {
        index: 0,
        kind: 'find',
        title: 'ClusterIP of api?',
        passed: false,
        command: "kubectl get service api -o jsonpath='{.spec.clusterIP}'",
        where: 'host',
        expected: '10.200.1.197',
        actual: '10.200.1.198',
        reason: 'the answer "10.200.1.198" is not the value on this cluster',
      },
    ]);
  });

  it('take the value from a regex group when one is given', async () => {
    const ex = exerciseSchema.parse({
      ...findClusterIp,
      find: { prompt: 'Port?', run: 'kubectl get service api', regex: '^api\\s+\\S+\\s+\\S+\\s+\\S+\\s+(\\d+)/TCP' },
    });
    const { emu } = await startState(ex, 1);
    expect((await runChecks('x/find-ip', ex, emu, '8080')).passed).toBe(true);
  });

  it('take the value with a JSONPath template over JSON output when one is given', async () => {
    const ex = exerciseSchema.parse({
      ...findClusterIp,
      find: { prompt: 'Target port?', run: 'kubectl get service api -o json', jsonpath: '{.spec.ports[0].targetPort}' },
    });
    const { emu } = await startState(ex, 1);
    expect((await runChecks('x/find-ip', ex, emu, '80')).passed).toBe(true);
  });

  it('say so when the command computing the value prints nothing', async () => {
    const ex = exerciseSchema.parse({
      ...findClusterIp,
      find: { prompt: 'Port?', run: 'kubectl get service api -o json', jsonpath: '{.spec.nothing}' },
    });
    const { emu } = await startState(ex, 1);
    expect((await runChecks('x/find-ip', ex, emu, '80')).checks[0]?.reason).toBe(
      'the command that computes the expected value printed nothing on this cluster',
    );
  });
});

describe('checks', () => {
  it('pass after the solution and explain themselves on the untouched start', async () => {
    const { emu } = await startState(exposeWeb, 1);
    expect((await gradeAttempt('x/expose', exposeWeb, emu, exposeWeb.solution)).passed).toBe(true);
    const untouched = await runChecks('x/expose', exposeWeb, emu);
    expect(untouched).toEqual({
      exerciseId: 'x/expose',
      passed: false,
      checks: [
        {
          index: 0,
          kind: 'check',
          title: 'web has three endpoints',
          passed: false,
          command: 'kubectl get endpoints web',
          where: 'host',
          expected: 'NAME=web ENDPOINTS=/10\\.10\\.\\d+\\.\\d+:80(,10\\.10\\.\\d+\\.\\d+:80){2}/',
          actual: 'Error from server (NotFound): endpoints "web" not found',
          reason: 'the command failed with exit code 1: "Error from server (NotFound): endpoints "web" not found"',
          explain: 'The selector must match the pods.',
        },
      ],
    });
  });

  it('run in a clean kubeconfig context: a learner who switched their namespace still passes', async () => {
    const { emu } = await startState(exposeWeb, 1);
    const lines = [...exposeWeb.solution.lines, 'kubectl config set-context --current --namespace=kube-system'];
    const result = await gradeAttempt('x/expose', exposeWeb, emu, { lines });
    expect(result.checks.map((c) => c.reason)).toEqual(['']);
    expect(result.passed).toBe(true);
  });

  it("keep the learner's kubeconfig for an exercise whose goal is the kubeconfig", async () => {
    const namespaceGoal = exerciseSchema.parse({
      id: 'ns',
      title: 'Work in kube-system by default',
      goal: 'Make kube-system the namespace of your kubeconfig context.',
      scenario: 'kind-iptables',
      kubeconfig: 'learner',
      solution: { lines: ['kubectl config set-context --current --namespace=kube-system'] },
      checks: [{ title: 'kubectl lists kube-system by default', run: 'kubectl get pods', contains: 'coredns' }],
    });
    const { emu } = await startState(namespaceGoal, 1);
    expect((await gradeAttempt('x/ns', namespaceGoal, emu, namespaceGoal.solution)).passed).toBe(true);
    expect((await runChecks('x/ns', namespaceGoal, emu)).passed).toBe(false);
    const clean = { ...namespaceGoal, kubeconfig: 'clean' as const };
    expect((await gradeAttempt('x/ns', clean, emu, clean.solution)).passed).toBe(false);
  });

  it("never disturb the learner's cluster, history or shell", async () => {
    const { emu } = await startState(exposeWeb, 1);
    const shell = emu.openShell();
    await shell.run('docker exec -it myk8s-worker bash', { stdout: { write: () => {} }, stderr: { write: () => {} } });
    const before = JSON.stringify(emu.snapshot());
    await runChecks('x/expose', exposeWeb, emu);
    expect(JSON.stringify(emu.snapshot())).toBe(before);
    expect(shell.locationLabel()).not.toBe('host');
  });

  it('run in a pod when where names one, and say so when it does not exist', async () => {
    const { emu } = await startState(findClusterIp, 1);
    await replayLines(emu, ['kubectl run client --image=nicolaka/netshoot -- sleep infinity', 'sleep 20']);
    expect((await runIn(emu, 'hostname', 'pod default/client')).output).toBe('client\n');
    expect((await runIn(emu, 'hostname', 'pod default/nope')).output).toBe(
      'netlab: there is no pod "nope" in namespace "default"\n',
    );
  });

  it('run at a node when where names one, and say so when it does not exist', async () => {
    const { emu } = await startState(findClusterIp, 1);
    expect((await runIn(emu, 'hostname', 'node myk8s-worker2')).output).toBe('myk8s-worker2\n');
    expect(await runIn(emu, 'hostname', 'node myk8s-worker9')).toEqual({
      stdout: '',
      stderr: 'netlab: there is no node "myk8s-worker9"\n',
      output: 'netlab: there is no node "myk8s-worker9"\n',
      exitCode: 127,
    });
  });
});

describe('start state and replay', () => {
  it("hides the setup from the learner's history", async () => {
    const { emu, setup } = await startState(exposeWeb, 1);
    expect(setup.map((s) => [s.input, s.status])).toEqual([
      ['kubectl create deployment web --image=traefik/whoami --replicas=3', 0],
      ['sleep 30', 0],
    ]);
    expect(emu.shells).toEqual([]);
    expect(emu.openShell().history).toEqual([]);
  });

  it('gathers a heredoc spread over several lines into one input', async () => {
    const { emu } = await startState(findClusterIp, 1);
    const steps = await replayLines(emu, ['cat <<EOF > note.txt', 'one', 'EOF', 'cat note.txt']);
    expect(steps.map((s) => s.input)).toEqual(['cat <<EOF > note.txt\none\nEOF', 'cat note.txt']);
    expect(steps[1]?.output).toBe('one\n');
  });

  it('stops a runaway replay when the signal aborts', async () => {
    const { emu } = await startState(findClusterIp, 1);
    const abort = new AbortController();
    let yields = 0;
    const steps = await replayLines(emu, ['while true; do :; done', 'echo after'], {
      signal: abort.signal,
      yieldToHost: () => {
        if (++yields === 1000) abort.abort();
      },
    });
    expect(steps).toEqual([{ input: 'while true; do :; done', status: 130, output: '^C\n' }]);
  });
});

/**
 * Pins what every scenario boots into, byte for byte, so boot-time optimisations cannot change it
 * unnoticed: the sha256 of the starting snapshot, of a short session's terminal output (pods, a
 * Service's kube-proxy rules on a node, curl through them) and of the snapshot after it, per scenario,
 * for seed 1. The digests were computed before the boot was optimised. If a change is meant to alter
 * a scenario, update the digest in the same commit and say why.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/sim/emulator';
import { splitInputs } from '../../src/grading/inputs';
import { WEB_WORKLOAD_INPUT } from '../fixtures/workloads';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Where each scenario's node commands run: a kind node by `docker exec`, the others by `ssh`. */
const NODE_SHELL: Record<string, string> = {
  'kind-iptables': 'docker exec myk8s-worker',
  'kind-ipvs': 'docker exec myk8s-worker',
  'aws-vpc-cni': 'ssh ip-192-168-1-51.ap-northeast-2.compute.internal',
  weave: 'ssh k8s-w1',
};

const WORKLOAD = `${WEB_WORKLOAD_INPUT}
sleep 20
kubectl get pod -A -o wide
kubectl get svc,ep -A
`;

/** Boot a scenario, run the session, and digest the starting snapshot, the output and the final snapshot. */
async function session(scenario: string) {
  const emu = Emulator.create({ scenario, seed: 1 });
  const boot = sha256(JSON.stringify(emu.snapshot()));
  const shell = emu.openShell();
  let out = '';
  const w = { write: (s: string) => void (out += s) };
  const node = NODE_SHELL[scenario]!;
  const script = [
    WORKLOAD,
    `${node} iptables-save`,
    `${node} ip route`,
    `${node} ipvsadm -Ln`,
    'kubectl run client --image=nicolaka/netshoot -- sleep infinity',
    'sleep 10',
    'for i in 1 2 3 4 5 6; do kubectl exec client -- curl -s web:9000 | grep Hostname; done',
    '',
  ].join('\n');
  for (const input of splitInputs(script, (t) => shell.isComplete(t)))
    await shell.run(input, { stdout: w, stderr: w, interactive: false });
  return { boot, output: sha256(out), after: sha256(JSON.stringify(emu.snapshot())), text: out };
}

const PINNED: Record<string, { boot: string; output: string; after: string }> = {
  'kind-iptables': {
    boot: 'e8f642d8a85f62fd902e3a19a5ca7c3e170c3829d13afb2807ab995f787d0843',
    output: '784eae91f5c9f7a6fe7456be6cb82e45f1a253fae5d122841a91699e94f56b17',
    after: '042b1a9a634fd6b3177537f7259032faf918c07b36e246090d4675c2be02a214',
  },
  'kind-ipvs': {
    boot: '268a09ad8c55562c491a671232bd71db7eac5348a9895d1442461e97e2ef2355',
    output: 'a8f4606dabd79520a8682be584ba5c9f10200934f4d2a6bb08febba030407165',
    after: 'eab45e3edd00068f3aad470c7c42f047bf66fa4e1521304595c23b4a812d1975',
  },
  'aws-vpc-cni': {
    boot: '861b17aac9f222711c7e48b251282a92254ac445ac4c739fbc6e25cddc2fbf82',
    output: 'e656bc70ba2279fb121087226975197918e4b4d98f918bcd16e1795933fa38f4',
    after: 'ef96d851cf758829b97855cb7e5f89e02a3ef3b3a75b174fa04734a782a0ec0c',
  },
  weave: {
    boot: 'ce8296340d7657680cfadc2e3b671dab109c81387e6e5e1f59496facd5d1a253',
    output: '9710259c950a2438b3e2fd33736ad0cae72a474150990d0220afb0f0d136d54c',
    after: '74c28eea6acd02078aa1c58e04954d10ea20e5a862b9ed79a248f5099edf9d78',
  },
};

describe('scenario boot digests (seed 1)', () => {
  for (const scenario of Object.keys(NODE_SHELL)) {
    it(`${scenario} boots into the same snapshot and answers a session with the same bytes as before`, async () => {
      const { text, ...digests } = await session(scenario);
      expect(text).toContain('Hostname: web-');
      if (process.env.BOOT_DIGEST_PRINT) console.log(`--- ${scenario}\n${text}`);
      expect(digests).toEqual(PINNED[scenario]);
    });
  }
});

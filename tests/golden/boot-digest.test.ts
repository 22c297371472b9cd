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
    boot: 'b4c018c48352471453cd462adbc67caabb9bd69d1b641fd921e55913e51283ef',
    output: '784eae91f5c9f7a6fe7456be6cb82e45f1a253fae5d122841a91699e94f56b17',
    after: '7bec6b355e8edeb52112e326e7635aba94ba8e144c8653756eed718285d5a280',
  },
  'kind-ipvs': {
    boot: '39f570374fea9388c525488629ce382398430ba17c3758dff89b4dffb82dd036',
    output: 'a8f4606dabd79520a8682be584ba5c9f10200934f4d2a6bb08febba030407165',
    after: '1d6513608dd951c4b7785c109c71046628aed0fb80ba68c17d5bea0f3049a646',
  },
  'aws-vpc-cni': {
    boot: '06ede2f1a91605fec497b6252c88f688ee04ff6b607e9f922aa79231d6609f8f',
    output: '55e0f444bf2a56eba1247c8a0f645a068718a9f31dd7cb0b60e25239fe8b85fd',
    after: 'de8c7f33726892bd24958f6b4646bf5ca457b1f6297c7317ad30c9547ddc2a23',
  },
  weave: {
    boot: 'd1ca94c5aadb6a6b6d8be746beea802c8b06d5a49074202dffe64814aa2d7aaa',
    output: '9710259c950a2438b3e2fd33736ad0cae72a474150990d0220afb0f0d136d54c',
    after: 'bba48aecd15f3699fc8e6c3c10d49eeaafee831196b02ae82597a8749a6e9a90',
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

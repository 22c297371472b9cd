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
    boot: '32eb84aa8c13aa7e931e6652d12a355d97d17652fb8a8e03dbd6e6bed19a3e2f',
    output: '784eae91f5c9f7a6fe7456be6cb82e45f1a253fae5d122841a91699e94f56b17',
    after: 'b56f441afd7d8647946e75d35db5fbcdd2064515b96659b859e6bad6c0703110',
  },
  'kind-ipvs': {
    boot: 'defcbd1ae9cc544dfc83c0bb1d9ad5664ef5e0ede4a69757e197ca2687e62ad2',
    output: 'a8f4606dabd79520a8682be584ba5c9f10200934f4d2a6bb08febba030407165',
    after: '9f7ee7b0f1d098e6cc4c9acbff592ba28889550adce41aea4d184483119ef872',
  },
  'aws-vpc-cni': {
    boot: '3b5cb7f82eb4cfa5d8b3a9c1bfead1dd486cc3c9f5dbd773095dcf3609ee36f8',
    output: 'e656bc70ba2279fb121087226975197918e4b4d98f918bcd16e1795933fa38f4',
    after: 'f80ca175467ab4573101d11bcccfc33e5e1ce3dbfedb19c943debb29f34fdbea',
  },
  weave: {
    boot: '7d15d6e23812023679d32cf10bfbf56176bbbf151c2589d35ba6a68ed34105cf',
    output: '9710259c950a2438b3e2fd33736ad0cae72a474150990d0220afb0f0d136d54c',
    after: '4c75bc49c5cb7019e6d1917cbeb6cc2af399d4ff82d6d4041c162e9daede1394',
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

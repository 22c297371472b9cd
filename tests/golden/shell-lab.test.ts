/**
 * The KANS week 5 lab flow as typed (seeds/kans-week5-externalip-ipvs.txt): manifests written with
 * `cat <<EOT> file`, applied, values pulled into variables with jsonpath, a pod shell entered and
 * left, a manifest piped with `cat <<EOF | kubectl create -f -`. Only what the shell decides is
 * asserted in full; kubectl's own tables have their golden tests elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/cli/run';
import { fileInput, KANS_IPVS } from '../fixtures/seeds/manifests';

async function run(script: string, scenario = 'kind-ipvs'): Promise<string> {
  let out = '';
  await runScript({ scenario, seed: 1, echo: true, source: { text: script } }, script, {
    write: (s) => void (out += s),
  });
  return out;
}

const NETPOD = `${fileInput(KANS_IPVS, 'netpod.yaml')}\n`;
const SVC = `${fileInput(KANS_IPVS, 'svc-clusterip.yaml')}\n`;

describe('KANS lab flow in netlab run', () => {
  it('writes manifests with heredocs, applies them and reads jsonpath into variables', async () => {
    const out = await run(`${NETPOD}${SVC}kubectl apply -f netpod.yaml,svc-clusterip.yaml
CPORT=$(kubectl get svc svc-clusterip -o jsonpath="{.spec.ports[0].port}")
CIP=$(kubectl get svc svc-clusterip -o jsonpath={.spec.clusterIP})
echo $CPORT; [[ $CIP == 10.200.1.* ]] && echo "CIP in the service CIDR"
ls *.yaml
`);
    expect(out.split('$ kubectl apply')[1]).toBe(` -f netpod.yaml,svc-clusterip.yaml
pod/net-pod created
service/svc-clusterip created
$ CPORT=$(kubectl get svc svc-clusterip -o jsonpath="{.spec.ports[0].port}")
$ CIP=$(kubectl get svc svc-clusterip -o jsonpath={.spec.clusterIP})
$ echo $CPORT; [[ $CIP == 10.200.1.* ]] && echo "CIP in the service CIDR"
9000
CIP in the service CIDR
$ ls *.yaml
netpod.yaml  svc-clusterip.yaml
`);
  });

  it('enters a pod shell with kubectl exec -it and comes back with exit', async () => {
    const out = await run(`${NETPOD}kubectl apply -f netpod.yaml
sleep 30
kubectl exec -it net-pod -- zsh
hostname; pwd
exit
hostname
`);
    expect(out.split('$ sleep 30\n')[1]).toBe(
      '$ kubectl exec -it net-pod -- zsh\n$ hostname; pwd\nnet-pod\n/\n$ exit\nexit\n$ hostname\nnetlab\n',
    );
  });

  it('pipes a heredoc manifest into kubectl create -f -', async () => {
    const out = await run(`cat <<EOF | kubectl create -f -
apiVersion: v1
kind: Service
metadata:
  name: svc-x
spec:
  ports:
  - port: 80
  selector:
    app: webpod
EOF
kubectl get svc svc-x -o jsonpath='{.spec.ports[0].port}{"\\n"}'
`);
    expect(out.split('> EOF\n')[1]).toBe(
      `service/svc-x created\n$ kubectl get svc svc-x -o jsonpath='{.spec.ports[0].port}{"\\n"}'\n80\n`,
    );
  });

  it('runs the node loop over docker exec for every kind node', async () => {
    const out = await run(
      'for i in control-plane worker worker2 worker3; do echo ">> node myk8s-$i <<"; docker exec -it myk8s-$i hostname; echo; done\n',
    );
    expect(out).toBe(
      '$ for i in control-plane worker worker2 worker3; do echo ">> node myk8s-$i <<"; docker exec -it myk8s-$i hostname; echo; done\n>> node myk8s-control-plane <<\nmyk8s-control-plane\n\n>> node myk8s-worker <<\nmyk8s-worker\n\n>> node myk8s-worker2 <<\nmyk8s-worker2\n\n>> node myk8s-worker3 <<\nmyk8s-worker3\n\n',
    );
  });
});

/**
 * `kubectl create service externalname` and the service generator's ports, as create_service.go
 * builds them (kubernetes/kubectl pkg/cmd/create/create_service.go).
 */
import { describe, expect, it } from 'vitest';
import { runFreshIn } from '../../shell/testing';

describe('kubectl create service externalname', () => {
  it('creates an ExternalName service with the app label and selector kubectl sets, and no ports', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      'kubectl create service externalname ext1 --external-name=github.github.io',
      'kubectl get svc ext1 -o jsonpath=\'{.metadata.labels}{"\\n"}{.spec}{"\\n"}\'',
      'kubectl get svc ext1',
    );
    expect(out).toBe(
      'service/ext1 created\n' +
        '{"app":"ext1"}\n' +
        '{"externalName":"github.github.io","selector":{"app":"ext1"},"sessionAffinity":"None","type":"ExternalName"}\n' +
        'NAME   TYPE           CLUSTER-IP   EXTERNAL-IP        PORT(S)   AGE\n' +
        'ext1   ExternalName   <none>       github.github.io   <none>    4s\n',
    );
  });

  it('adds the --tcp ports, each named after its flag value', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      'kubectl create service externalname ext2 --external-name bar.com --tcp=80 --tcp=443:8443',
      "kubectl get svc ext2 -o jsonpath='{.spec.ports}'",
    );
    expect(out).toBe(
      'service/ext2 created\n' +
        '[{"name":"80","port":80,"protocol":"TCP","targetPort":80},{"name":"443-8443","port":443,"protocol":"TCP","targetPort":8443}]',
    );
  });

  it('requires --external-name', async () => {
    expect(await runFreshIn('kind-iptables', 'kubectl create service externalname ext3; echo $?')).toBe(
      'error: required flag(s) "external-name" not set\n1\n',
    );
  });

  it('refuses an external name that is not a DNS subdomain', async () => {
    expect(await runFreshIn('kind-iptables', 'kubectl create service externalname ext4 --external-name=Bad_Name')).toBe(
      'error: invalid service external name Bad_Name\n',
    );
  });

  it('wraps the API error as failed to create ExternalName service', async () => {
    expect(
      await runFreshIn(
        'kind-iptables',
        'kubectl create service externalname ext5 --external-name=a.b',
        'kubectl create service externalname ext5 --external-name=a.b',
      ),
    ).toBe('service/ext5 created\nerror: failed to create ExternalName service: services "ext5" already exists\n');
  });
});

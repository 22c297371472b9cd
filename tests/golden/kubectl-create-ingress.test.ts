/**
 * `kubectl create ingress`: the object and the errors of kubectl's create_ingress.go. Expected
 * texts: a real kubectl client (1.32, whose create ingress is unchanged since 1.31) run with
 * `--dry-run=client -o yaml`, which builds and prints the object without a server. One known gap,
 * shared by every generator of the emulator's kubectl create: the typed object's
 * `creationTimestamp: null` line is not printed; `real()` drops it from the real text.
 */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../src/sim/shell/testing';

/** The real kubectl's text without the `creationTimestamp: null` line the emulator does not print. */
const real = (text: string) => text.replace('  creationTimestamp: null\n', '');

describe('kubectl create ingress', () => {
  it('builds one rule per host, Exact and Prefix paths, numbered and named ports, and TLS per secret', async () => {
    const lab = await labSession('kind-iptables');
    expect(
      await lab.run(
        `kubectl create ingress ingtls --class=default --rule="foo.com/=svc:https,tls" --rule="foo.com/path/subpath*=othersvc:8080" --rule="bar.com/*=svc:8080,tls" --annotation a=b --dry-run=client -o yaml`,
      ),
    ).toBe(
      real(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  annotations:
    a: b
  creationTimestamp: null
  name: ingtls
spec:
  ingressClassName: default
  rules:
  - host: foo.com
    http:
      paths:
      - backend:
          service:
            name: svc
            port:
              name: https
        path: /
        pathType: Exact
      - backend:
          service:
            name: othersvc
            port:
              number: 8080
        path: /path/subpath
        pathType: Prefix
  - host: bar.com
    http:
      paths:
      - backend:
          service:
            name: svc
            port:
              number: 8080
        path: /
        pathType: Prefix
  tls:
  - hosts:
    - foo.com
    - bar.com
status:
  loadBalancer: {}
`),
    );
    expect(
      await lab.run(
        `kubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert" --default-backend=defsvc:http --dry-run=client -o yaml`,
      ),
    ).toBe(
      real(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  creationTimestamp: null
  name: simple
spec:
  defaultBackend:
    service:
      name: defsvc
      port:
        name: http
  rules:
  - host: foo.com
    http:
      paths:
      - backend:
          service:
            name: svc1
            port:
              number: 8080
        path: /bar
        pathType: Exact
  tls:
  - hosts:
    - foo.com
    secretName: my-cert
status:
  loadBalancer: {}
`),
    );
    await lab.run('kubectl create namespace shop');
    expect(
      await lab.run(`kubectl -n shop create ingress shop --rule="shop.example.com/*=web:80" --dry-run=client -o yaml`),
    ).toContain(real('  creationTimestamp: null\n  name: shop\n  namespace: shop\nspec:\n'));
  });

  it('answers with kubectl’s own errors before sending anything', async () => {
    const lab = await labSession('kind-iptables');
    expect(await lab.run('kubectl create ingress x')).toBe(
      'error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n',
    );
    expect(await lab.run('kubectl create ingress x --rule=foo.com=svc:redis,tls')).toBe(
      'error: rule foo.com=svc:redis,tls is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n',
    );
    expect(await lab.run('kubectl create ingress x --rule=foo.com/=svc,tls')).toBe(
      'error: rule foo.com/=svc,tls is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n',
    );
    expect(await lab.run('kubectl create ingress d --default-backend=web')).toBe(
      'error: default-backend should be in format servicename:serviceport\n',
    );
    expect(await lab.run('kubectl create ingress d --rule=/=web:80 --annotation=nope')).toBe(
      'error: annotation nope is invalid and should be in format key=[value]\n',
    );
  });

  it('creates the Ingress, which kubectl get lists with no address until a controller writes one', async () => {
    const lab = await labSession('kind-iptables');
    expect(await lab.run('kubectl create ingress web --rule="/a*=svc-a:80" --rule="/b=svc-b:80"')).toBe(
      'ingress.networking.k8s.io/web created\n',
    );
    expect(await lab.run('kubectl get ingress web')).toMatch(
      /^NAME {3}CLASS {4}HOSTS {3}ADDRESS {3}PORTS {3}AGE\nweb {4}<none> {3}\* {17}80 {6}\d+s\n$/,
    );
    expect(await lab.run("kubectl get ingress web -o jsonpath='{.spec.rules[0].http.paths[*].pathType}'")).toBe(
      'Prefix Exact',
    );
  });
});

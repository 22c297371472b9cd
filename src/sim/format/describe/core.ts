/** describe layouts for namespaces, service accounts, config maps and secrets (describe.go). */
import type { KubeObject } from '../../cluster/types';
import { eventsFor, writeEvents } from './events';
import { type DescribeContext, DescribeWriter, writeAnnotations, writeLabels } from './writer';

/** `kubectl describe namespace`. Quotas and limit ranges are listed when the emulator has them. */
export function describeNamespace(ns: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  writeLabels(w, 'Labels', ns.metadata.labels);
  writeAnnotations(w, 'Annotations', ns.metadata.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  // The emulator has no ResourceQuota or LimitRange objects yet, so these read as empty lists.
  w.write(0, '\n');
  if (ctx.list('resourcequotas', ns.metadata.name).length === 0) w.write(0, 'No resource quota.\n');
  w.write(0, '\n');
  if (ctx.list('limitranges', ns.metadata.name).length === 0) w.write(0, 'No LimitRange resource.\n');
  return w.toString();
}

/** `kubectl describe serviceaccount`: the three secret lists, headers sorted as upstream's map keys are. */
export function describeServiceAccount(sa: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${sa.metadata.name}\n`);
  w.write(0, `Namespace:\t${sa.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', sa.metadata.labels);
  writeAnnotations(w, 'Annotations', sa.metadata.annotations);
  const secrets = ctx.list('secrets', sa.metadata.namespace);
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const tokens = secrets
    .filter(
      (s) =>
        s.type === 'kubernetes.io/service-account-token' &&
        s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name &&
        (s.metadata.annotations?.['kubernetes.io/service-account.uid'] ?? '') === (sa.metadata.uid ?? ''),
    )
    .map((s) => s.metadata.name);
  const names = (list: { name: string }[] | undefined): string[] => (list ?? []).map((s) => s.name);
  const pull = names(sa.imagePullSecrets);
  const mount = names(sa.secrets);
  const missing = new Set([...pull, ...mount].filter((n) => !existing.has(n)));
  // Padded to the same width on purpose: these strings are upstream's, trailing spaces included.
  const sections: [string, string[]][] = [
    ['Image pull secrets:', pull],
    ['Mountable secrets: ', mount],
    ['Tokens:            ', tokens],
  ];
  for (const [header, list] of sections) {
    if (list.length === 0) {
      w.write(0, `${header}\t<none>\n`);
      continue;
    }
    let prefix = header;
    for (const n of list) {
      w.write(0, `${prefix}\t${n}${missing.has(n) ? ' (not found)' : ''}\n`);
      prefix = '                   ';
    }
  }
  writeEvents(w, eventsFor(sa, ctx), ctx.now);
  return w.toString();
}

/** `kubectl describe configmap`: each key, a `----` rule and the raw value (keys sorted; Go's order is random). */
export function describeConfigMap(cm: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${cm.metadata.name}\n`);
  w.write(0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', cm.metadata.labels);
  writeAnnotations(w, 'Annotations', cm.metadata.annotations);
  w.write(0, '\nData\n====\n');
  const data: Record<string, string> = cm.data ?? {};
  for (const k of Object.keys(data).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${data[k]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  const binary: Record<string, string> = cm.binaryData ?? {};
  for (const k of Object.keys(binary).sort()) w.write(0, `${k}: ${base64Length(binary[k]!)} bytes\n`);
  w.write(0, '\n');
  writeEvents(w, eventsFor(cm, ctx), ctx.now);
  return w.toString();
}

/** The decoded length of base64 data (binaryData and secret data are base64 in the API's JSON). */
function base64Length(b64: string): number {
  const clean = b64.replace(/=+$/, '');
  return Math.floor((clean.length * 3) / 4);
}

/** `kubectl describe secret`: sizes only, except the token of a service-account token secret. */
export function describeSecret(secret: KubeObject): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${secret.metadata.name}\n`);
  w.write(0, `Namespace:\t${secret.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', secret.metadata.labels);
  writeAnnotations(w, 'Annotations', secret.metadata.annotations);
  w.write(0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  const data: Record<string, string> = secret.data ?? {};
  for (const k of Object.keys(data).sort()) {
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token')
      w.write(0, `${k}:\t${atobSafe(data[k]!)}\n`);
    else w.write(0, `${k}:\t${base64Length(data[k]!)} bytes\n`);
  }
  return w.toString();
}

function atobSafe(b64: string): string {
  try {
    return atob(b64);
  } catch {
    return b64;
  }
}

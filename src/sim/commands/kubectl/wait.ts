/** `kubectl wait` and `kubectl rollout status`: advance virtual time until a condition holds. */
import { goParseDuration } from './goparse';
import type { KubeObject } from '../../cluster/types';
import { findJsonPathResults, relaxedJsonPathExpression } from '../../format/jsonpath';
import { bool, str, type FlagDef } from './flags';
import { KubectlError, usageError, type Kubectl } from './context';
import { filterObjects, kindName, parseTargets } from './targets';
import { rolloutRestart } from './patch';

export const WAIT_FLAGS: FlagDef[] = [
  {
    name: 'for',
    type: 'string',
    description:
      "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]].",
  },
  { name: 'timeout', type: 'duration', description: 'The length of time to wait before giving up.' },
  { name: 'selector', short: 'l', type: 'string', description: 'Selector (label query) to filter on' },
  { name: 'all', type: 'bool', description: 'Select all resources in the namespace of the specified resource types' },
  {
    name: 'all-namespaces',
    short: 'A',
    type: 'bool',
    description: 'If present, list the requested object(s) across all namespaces.',
  },
  { name: 'filename', short: 'f', type: 'stringArray', description: 'identifying the resource.' },
  { name: 'output', short: 'o', type: 'string', description: 'Output format' },
];

export const ROLLOUT_FLAGS: FlagDef[] = [
  { name: 'watch', short: 'w', type: 'bool', description: "Watch the status of the rollout until it's done." },
  { name: 'timeout', type: 'duration', description: 'The length of time to wait before ending watch' },
  { name: 'revision', type: 'int', description: 'Pin to a specific revision for showing its status.' },
];

/** A duration flag's value (already checked by the flag parser) in milliseconds: `60s`, `2m`, `1m30s`, `500ms`. */
export function parseGoDuration(s: string): number {
  return Number(goParseDuration(s) / 1_000_000n);
}

type Check = (o: KubeObject | undefined) => boolean;

function conditionCheck(spec: string): { check: Check; word: string } {
  if (spec === 'delete') return { check: (o) => !o, word: 'deleted' };
  if (spec === 'create') return { check: (o) => Boolean(o), word: 'condition met' };
  if (spec.startsWith('condition=')) {
    const [cond, want = 'true'] = spec.slice('condition='.length).split('=') as [string, string | undefined];
    return {
      check: (o) =>
        Boolean(
          o?.status?.conditions?.some(
            (c: any) =>
              c.type?.toLowerCase() === cond.toLowerCase() && String(c.status).toLowerCase() === want.toLowerCase(),
          ),
        ),
      word: 'condition met',
    };
  }
  if (spec.startsWith('jsonpath=')) {
    const body = spec.slice('jsonpath='.length);
    const m = /^(\{.*\})(?:=(.*))?$/.exec(body) ?? /^([^=]*)(?:=(.*))?$/.exec(body);
    const path = relaxedJsonPathExpression(m?.[1] ?? body);
    const want = m?.[2];
    return {
      check: (o) => {
        if (!o) return false;
        const v = findJsonPathResults(path, o)[0]?.[0];
        return want === undefined ? v !== undefined : String(v) === want;
      },
      word: 'condition met',
    };
  }
  throw new KubectlError(`unrecognized condition: "${spec}"`);
}

/** Run `kubectl wait`. */
export async function runWait(k: Kubectl): Promise<number> {
  const forSpec = str(k.parsed, 'for');
  if (!forSpec) throw new KubectlError('--for must be specified');
  const { check, word } = conditionCheck(forSpec);
  const timeout = parseGoDuration(str(k.parsed, 'timeout') ?? '30s');
  if (k.parsed.args.length === 0) throw usageError('wait', 'resource(s) were provided, but no name was specified');
  const targets = parseTargets(k.parsed.args);
  const items: Array<{ plural: string; label: string; ns: string | undefined; name: string }> = [];
  const selector = str(k.parsed, 'selector');
  for (const t of targets) {
    const ns = t.res.namespaced ? k.namespace : undefined;
    if (t.names) for (const n of t.names) items.push({ plural: t.res.plural, label: kindName(t.res, n), ns, name: n });
    else if (selector !== undefined || bool(k.parsed, 'all')) {
      for (const o of filterObjects(
        k.cluster.list(t.res.plural, ns),
        t.res,
        selector !== undefined ? { labelSelector: selector } : {},
      ))
        items.push({ plural: t.res.plural, label: kindName(t.res, o.metadata.name), ns, name: o.metadata.name });
    } else throw usageError('wait', 'resource(s) were provided, but no name was specified');
  }
  if (items.length === 0) {
    k.err(`error: no matching resources found\n`);
    return 1;
  }
  if (forSpec !== 'delete') {
    for (const it of items)
      if (!k.cluster.get(it.plural, it.ns, it.name)) throw new KubectlError(`${it.plural} "${it.name}" not found`, 1);
  }
  const emu = k.ctx.emulator;
  const deadline = emu.clock.now() + timeout;
  let failed = false;
  for (const it of items) {
    for (;;) {
      if (check(k.cluster.get(it.plural, it.ns, it.name))) {
        k.out(`${it.label} ${word}\n`);
        break;
      }
      if (emu.clock.now() >= deadline) {
        k.err(`error: timed out waiting for the condition on ${it.plural}/${it.name}\n`);
        failed = true;
        break;
      }
      await k.ctx.checkpoint();
      emu.advanceTime(Math.min(1000, deadline - emu.clock.now()));
    }
  }
  return failed ? 1 : 0;
}

/** Run `kubectl rollout status|restart|history`. */
export async function runRollout(k: Kubectl): Promise<number> {
  const [sub, ...rest] = k.parsed.args;
  if (sub === 'restart') return rolloutRestart(k, rest);
  if (sub !== 'status') throw new KubectlError(`netlab: kubectl rollout ${sub ?? ''} is not emulated`.trimEnd());
  if (rest.length === 0) throw usageError('rollout status', 'required resource not specified');
  const targets = parseTargets(rest);
  const t = targets[0]!;
  const name = t.names?.[0];
  if (!name) throw usageError('rollout status', 'required resource not specified');
  const emu = k.ctx.emulator;
  const timeout = str(k.parsed, 'timeout') ? parseGoDuration(str(k.parsed, 'timeout')!) : 10 * 60_000;
  const deadline = emu.clock.now() + timeout;
  let last = '';
  for (;;) {
    const d = k.cluster.mustGet(t.res.plural, k.namespace, name);
    const want = d.spec.replicas ?? 1;
    const updated = d.status?.updatedReplicas ?? 0;
    const available = d.status?.availableReplicas ?? 0;
    const total = d.status?.replicas ?? 0;
    let msg: string | undefined;
    if (t.res.plural === 'daemonsets') {
      // kubectl's DaemonSetStatusViewer: the new generation observed, every node's pod updated, then available.
      const desired = d.status?.desiredNumberScheduled ?? 0;
      const updatedPods = d.status?.updatedNumberScheduled ?? 0;
      const avail = d.status?.numberAvailable ?? 0;
      if ((d.metadata.generation ?? 1) > (d.status?.observedGeneration ?? 0))
        msg = 'Waiting for daemon set spec update to be observed...\n';
      else if (updatedPods < desired)
        msg = `Waiting for daemon set "${name}" rollout to finish: ${updatedPods} out of ${desired} new pods have been updated...\n`;
      else if (avail < desired)
        msg = `Waiting for daemon set "${name}" rollout to finish: ${avail} of ${desired} updated pods are available...\n`;
      else {
        k.out(`daemon set "${name}" successfully rolled out\n`);
        return 0;
      }
    } else if (t.res.plural === 'statefulsets') {
      // kubectl's StatefulSetStatusViewer (polymorphichelpers/rollout_status.go).
      const strategy = d.spec.updateStrategy ?? {};
      if (strategy.type !== 'RollingUpdate')
        throw new KubectlError('rollout status is only available for RollingUpdate strategy type');
      const ready = d.status?.readyReplicas ?? 0;
      const partition = strategy.rollingUpdate?.partition;
      if (!d.status?.observedGeneration || (d.metadata.generation ?? 1) > d.status.observedGeneration)
        msg = 'Waiting for statefulset spec update to be observed...\n';
      else if (ready < want) msg = `Waiting for ${want - ready} pods to be ready...\n`;
      else if (strategy.rollingUpdate) {
        if (partition !== undefined && updated < want - partition)
          msg = `Waiting for partitioned roll out to finish: ${updated} out of ${want - partition} new pods have been updated...\n`;
        else {
          k.out(`partitioned roll out complete: ${updated} new pods have been updated...\n`);
          return 0;
        }
      } else if (d.status?.updateRevision !== d.status?.currentRevision)
        msg = `waiting for statefulset rolling update to complete ${updated} pods at revision ${d.status?.updateRevision}...\n`;
      else {
        k.out(
          `statefulset rolling update complete ${d.status?.currentReplicas ?? 0} pods at revision ${d.status?.currentRevision}...\n`,
        );
        return 0;
      }
    } else {
      if (updated < want)
        msg = `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`;
      else if (total > updated)
        msg = `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...\n`;
      else if (available < updated)
        msg = `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`;
      else {
        k.out(`deployment "${name}" successfully rolled out\n`);
        return 0;
      }
    }
    if (msg !== last) k.out(msg);
    last = msg;
    if (emu.clock.now() >= deadline) {
      k.err('error: timed out waiting for the condition\n');
      return 1;
    }
    await k.ctx.checkpoint();
    emu.advanceTime(1000);
  }
}

/**
 * Test support for the shell: run lines in a fresh session and collect what the terminal shows,
 * and put bare Node objects in the store so `docker exec` has containers in the `empty` scenario.
 */
import { Emulator, type EmulatorExtension } from '../emulator';
import { resolveResource } from '../cluster/resources';
import type { ShellSession, RunIO } from './session';

/** stdout and stderr merged in order, as the terminal shows them. */
export async function runLines(session: ShellSession, lines: string[], io: Partial<RunIO> = {}): Promise<string> {
  let out = '';
  const w = { write: (s: string) => void (out += s) };
  for (const l of lines) await session.run(l, { stdout: w, stderr: w, ...io });
  return out;
}

/** A session in a fresh `empty` emulator (or the given scenario and seed, with test-only parts added). */
export function freshSession(
  scenario = 'empty',
  seed = 1,
  extend?: EmulatorExtension,
): { emu: Emulator; sh: ShellSession } {
  const emu = Emulator.create({ scenario, seed, ...(extend ? { extend } : {}) });
  return { emu, sh: emu.openShell() };
}

/** What the terminal shows for `lines` typed into a fresh session of the `empty` scenario (seed 1). */
export function runFresh(...lines: string[]): Promise<string> {
  return runLines(freshSession().sh, lines);
}

/** What the terminal shows for `lines` typed into a fresh session of `scenario` (seed 1). */
export function runFreshIn(scenario: string, ...lines: string[]): Promise<string> {
  return runLines(freshSession(scenario).sh, lines);
}

/** A fresh session and a `run` that types lines into it and returns what the terminal showed. */
export interface Lab {
  emu: Emulator;
  sh: ShellSession;
  /** Run the lines in order; stdout and stderr merged as the terminal shows them. */
  run(...lines: string[]): Promise<string>;
}

/** A fresh session in `scenario` (seed 1 unless given), after running `setup` lines whose output is dropped. */
export async function labSession(scenario: string, setup: string[] = [], seed = 1): Promise<Lab> {
  const { emu, sh } = freshSession(scenario, seed);
  await runLines(sh, setup);
  return { emu, sh, run: (...lines: string[]) => runLines(sh, lines) };
}

/** Add Node objects (kind node containers) straight into the store. */
export function addNodes(emu: Emulator, names: string[]): void {
  // Node containers exist only for a kind cluster: give a bare emulator a kind cluster's identity.
  if (!emu.cluster.config) {
    emu.cluster.configure({
      name: 'myk8s',
      context: 'kind-myk8s',
      serviceCidr: '10.96.0.0/16',
      podCidr: '10.244.0.0/16',
      proxyMode: 'iptables',
      cni: 'kindnet',
      maxPodsPerNode: 110,
      apiServerUrl: 'https://127.0.0.1:6443',
      kubernetesVersion: 'v1.31.0',
    });
  }
  const res = resolveResource('nodes')!;
  for (const name of names)
    emu.store.create(res, { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: {}, status: {} });
}

/** Add a Pod object straight into the store (for pod-location tests). */
export function addPod(emu: Emulator, namespace: string, name: string, image: string, podIP?: string): void {
  const res = resolveResource('pods')!;
  emu.store.create(res, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: { containers: [{ name: 'c', image }] },
    status: podIP ? { podIP } : {},
  });
}

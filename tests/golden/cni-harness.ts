/**
 * Runs command lines in one emulator (as typed at its terminal) and walks packets through its data
 * plane, for the CNI golden tests: each plugin's path is checked from the trace's own events.
 */
import type { Emulator } from '../../src/sim/emulator';
import { freshSession, runLines } from '../../src/sim/shell/testing';
import { splitInputs } from '../../src/grading/inputs';
import type { TraceEvent } from '../../src/sim/net/trace';
import type { DataPlane } from '../../src/sim/net/dataplane';

export interface Lab {
  emu: Emulator;
  /** Run lines (heredocs allowed) and return what the terminal shows. */
  sh(script: string): Promise<string>;
  /** A pod's IP. */
  ip(pod: string, namespace?: string): string;
  /** The data plane, synced with the API objects. */
  dp(): DataPlane;
}

/** A fresh emulator in `scenario` with one shell; `sh` submits a script input by input, as the terminal does. */
export function lab(scenario: string, seed = 1): Lab {
  const { emu, sh: shell } = freshSession(scenario, seed);
  return {
    emu,
    sh: (script) =>
      runLines(
        shell,
        splitInputs(script, (t) => shell.isComplete(t)),
        { interactive: false },
      ),
    dp() {
      const dp = emu.dataPlane!;
      dp.refresh();
      return dp;
    },
    ip(pod, namespace = 'default') {
      return String(emu.store.get('pods', namespace, pod)?.status?.podIP ?? '');
    },
  };
}

/** A pod manifest pinned to a node (netshoot: sleeps, has every network tool), applied from a heredoc. */
export function podOn(name: string, node: string): string {
  return [
    'cat <<EOT | kubectl apply -f -',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  nodeName: ${node}`,
    '  containers:',
    '  - name: netshoot',
    '    image: nicolaka/netshoot',
    '    command: ["sleep", "infinity"]',
    'EOT',
    '',
  ].join('\n');
}

/** The links a walk crossed, `from-netns dev -> to-netns dev`, in order. */
export function links(trace: readonly TraceEvent[]): string[] {
  return trace
    .filter((e): e is Extract<TraceEvent, { kind: 'link' }> => e.kind === 'link')
    .map((e) => `${e.fromNetns} ${e.fromDev} -> ${e.toNetns} ${e.toDev}`);
}

/** The address rewrites of a walk, `netns TYPE from -> to`. */
export function nats(trace: readonly TraceEvent[]): string[] {
  return trace
    .filter((e): e is Extract<TraceEvent, { kind: 'nat' }> => e.kind === 'nat')
    .map((e) => `${e.netns} ${e.type} ${e.from} -> ${e.to}`);
}

/**
 * Scenario presets: the ids and topologies of docs/architecture (kind-iptables, kind-ipvs,
 * aws-vpc-cni, weave, empty). Each `build` fills a fresh emulator with a cluster that looks like it
 * has been up a few minutes. The composition root (`src/sim/emulator.ts`) lists them.
 */
import type { Emulator } from '../emulator';

export interface ScenarioDefinition {
  id: string;
  /** One line for `netlab scenarios`. */
  description: string;
  build(emu: Emulator): void;
}

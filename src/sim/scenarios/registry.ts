/**
 * Scenario presets: the ids and topologies of docs/architecture (kind-iptables, kind-ipvs,
 * aws-vpc-cni, weave, empty). Each `build` fills a fresh emulator with a cluster that looks like it
 * has been up a few minutes.
 */
import type { Emulator } from '../emulator';

export interface ScenarioDefinition {
  id: string;
  /** One line for `netlab scenarios`. */
  description: string;
  build(emu: Emulator): void;
}

const scenarios: ScenarioDefinition[] = [];

export function registerScenario(def: ScenarioDefinition): void {
  scenarios.push(def);
}

export function getScenario(id: string): ScenarioDefinition | undefined {
  return scenarios.find((s) => s.id === id);
}

export function allScenarios(): readonly ScenarioDefinition[] {
  return scenarios;
}

import type { ScenarioDefinition } from './types';

export const emptyScenario: ScenarioDefinition = {
  id: 'empty',
  description: 'No cluster yet: a host shell with kind, kubectl and docker; build one with kind create cluster',
  build() {},
};

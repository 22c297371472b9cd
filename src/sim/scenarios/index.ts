/** Imports every scenario module (each registers itself) and re-exports the registry. */
export { getScenario, allScenarios, registerScenario, type ScenarioDefinition } from './registry';
import './empty';

/**
 * The pure printers behind kubectl's output. Import from here: each module below is one concept
 * (table layout, durations, selectors, JSONPath, YAML/JSON, resource tables, describe layouts).
 */
export {
  DESCRIBE_TABLE,
  KUBECTL_TABLE,
  KubectlTableWriter,
  formatTable,
  tabwriterGo,
  type TabwriterOptions,
} from './table';
export { age, humanDuration, parseTimestamp, rfc3339 } from './duration';
export {
  LabelSelectorError,
  formatLabelSelector,
  formatLabels,
  formatRequirement,
  labelSelectorString,
  matchLabelSelector,
  matchLabelSelectorString,
  matchesRequirements,
  parseLabelSelector,
  type Requirement,
} from './labels';
export {
  FieldSelectorError,
  matchFieldSelector,
  parseFieldSelector,
  validateFieldSelector,
  type FieldRequirement,
} from './fields';
export {
  JsonPathError,
  executeJsonPath,
  findJsonPathResults,
  parseJsonPath,
  relaxedJsonPathExpression,
  type JsonPathOptions,
} from './jsonpath';
export { jsonPathExecuteErrorText, jsonPathParseErrorText } from './jsonpathErrors';
export { formatCustomColumns, parseCustomColumnsSpec, type CustomColumn } from './customColumns';
export { asList, goJsonMarshal, toKubectlJson } from './json';
export { toKubectlYaml, toKubectlYamlDocuments } from './yaml';
export {
  renderTable,
  tableCells,
  tablePrinterFor,
  type PrintColumn,
  type PrintContext,
  type RenderTableOptions,
  type TablePrinter,
} from './printers/index';
export {
  breakdownRule,
  combineResourceGroup,
  compactRules,
  describeObject,
  goSlice,
  policyRuleString,
  sortRules,
  type DescribeContext,
  type PolicyRule,
} from './describe/index';

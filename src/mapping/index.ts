/**
 * The mapping engine: the only place where Stratsys names become programme names. Loading (I/O)
 * is in load.ts; everything else is pure.
 */
export type { ProgrammeMapping, AlertsConfig, OwnerConfig } from './schema.js';
export { MappingFileSchema } from './schema.js';
export { RULE_LEVELS, type RuleLevel, type MappingRule } from './schema-rules.js';
export { MappingError, isMappingError, formatProblem, type MappingProblem } from './errors.js';
export { parseMappingText } from './parse.js';
export { loadMappingFile, loadMappingFiles, loadMappings, listMappingFiles, selectPeriod, TEMPLATE_PREFIX } from './load.js';
export { classifyUnits, isActiveInPeriod, DEFAULT_CLASSIFICATION } from './units.js';
export { planPull, type PullPlan } from './pull-plan.js';
export { buildProgrammeView, toPeriod, statusKindOf, type BuildViewOptions, type ProgrammeViewResult } from './engine.js';
export { explainNode, type NodeExplanation, type NodeRole, type RuleTrial } from './explain.js';
export { coverage, type CoverageReport, type ScorecardCoverage, type RuleUsage } from './coverage.js';
export { hasBlockingIssues, assertNoBlockingIssues, type MappingIssue, type MappingIssueCode } from './issues.js';
export { parseSwedishAmount, parseYearText, type AmountParse, type YearParse } from './amounts.js';
export { localTimeToUtc, periodYear } from './follow-ups.js';
export { stripHtml } from './text.js';

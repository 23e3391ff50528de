/**
 * The scenario format: schema, loader with located errors, variables, durations and the fault
 * catalogue. Everything here is pure and runs alike in the browser, a worker and Node.
 */
export { formatDuration, formatDurationLong, isDurationError, parseDuration, type DurationError } from './duration';
export {
  checkFaultTarget, FAULT_KINDS, FAULTS, faultDef, isFaultKind, linkName, parseFaultArg, parseLinkName,
  type FaultArgResult, type FaultDef, type FaultKind, type FaultParam, type FaultParamType, type FaultParamValue, type FaultTargetKind, type KnownTargets,
} from './faults';
export { formatPath, type PathSegment } from './issues';
export { DEFAULT_MAX_BYTES, formatScenarioError, loadScenario, type LoadOptions, type LoadResult, type ScenarioError, type ScenarioWarning } from './load';
export { scenarioJsonSchema, scenarioJsonSchemaText, SCENARIO_SCHEMA_ID } from './json-schema';
export {
  DEFAULT_EPOCH, DEFAULT_UNTIL_MS, GoalSchema, ScenarioSchema, VariableSchema, CheckSchema, FaultSchema,
  type Action, type AccountSpec, type Check, type FaultSpec, type Goal, type HostSpec, type Scenario, type ScenarioInput, type SendSpec, type VariableDef, type ZoneSpec,
} from './schema';
export { commandPattern, DKIM_RESULTS, DMARC_RESULTS, FATES, RECORD_TYPES, SPF_RESULTS, type Fate } from './schema-checks';
export { SMTP_STAGES, type SmtpStage } from './schema-faults';
export { ACTION_KINDS, MailSchema, SendSchema, ActionSchema } from './schema-timeline';
export { AccountSchema, HOST_ROLES, HostSchema, SMTP_POLICIES, TLS_MODES, ZoneSchema } from './schema-world';
export { DurationSchema, LocalTextSchema } from './schema-common';
export { isAddress, isHostName, isReservedIPv4, isReservedIPv6, isReservedName } from './names';
export { mulberry32, resolveVariables, type VariableValue, type VariablesResult } from './variables';
export { textIn, type Lang, type LocalText, type Text } from './text';

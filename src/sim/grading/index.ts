/**
 * Grading: checks over a run's trace and world view, goals scored from them, and headless runs
 * of a scenario with or without its solution.
 */
export { checkTopics, evaluateCheck, type CheckContext, type CheckResult, type ConsoleInput, type SentMail } from './checks';
export { gradeScenario, sentMailOf, type Grade, type GoalResult, type GradeOptions } from './grade';
export { runScenario, type RunOptions, type ScenarioRun } from './run';
export { messageIdsOf } from './scope';

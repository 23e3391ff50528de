/**
 * SMTP Lab's simulation core: its public API for the app, the Web Worker, the CLI and the bridge.
 * Pure TypeScript: no DOM, no wall clock, no Math.random; same scenario + seed ⇒ same trace.
 */
export { simulate, viewAt, prepareWorld, applyIntervention, scenarioAction, QUIET_LIMIT_MS, type Intervention, type InterventionAction, type SimulateOptions, type SimulateResult } from './world/simulate';
export { World } from './world/world';
export { harness, WorldHarness } from './world/harness';
export { ConsoleSession, type ConsoleLine } from './world/console-session';
export { defaultWorldPlan, DEFAULT_SENDS, type WorldPlan } from './world/default-world';
export type { WorldView, HostView, LinkView, QueueEntryView, MailboxView, StoredMessageView, AccountView, FaultView, AuthCheckView } from './world/view-model';
export { directSend, directSendFromSpec, startDirectSend, type DirectMail, type DirectSendSpec } from './world/direct-send';
export type { PlanError, PlannedRun } from './world/scenario-plan';
export type { FaultSpecInput } from './world/fault-state';
export { formatTraceEvent, formatClock } from './kernel/trace-format';
export { isPacket, type TraceEvent, type Proto } from './kernel/trace';
export type { HostRole } from './kernel/network';
export { explainReply, explainReplyValue, replyFor, REPLY_TABLE, type Explanation } from './protocol/reply-table';
export { explainPop3Reply, POP3_REPLIES } from './protocol/pop3-replies';
export { explainImapReply, IMAP_REPLIES } from './protocol/imap-replies';
export type { MailboxExplanation } from './protocol/mailbox-reply-table';
export { parseZone, printZone } from './protocol/zone-file';
export { checkSpfRecord } from './auth/spf-check';
export { checkDmarcRecord } from './auth/dmarc';
export { parseAuthResults, formatAuthResults } from './auth/auth-results';
export { parseDkimKeyRecord, generateDkimKeyPair } from './auth/dkim-key';
export { FAULTS, FAULT_KINDS, faultDef, loadScenario, formatScenarioError, scenarioJsonSchemaText } from './scenario';
export { installTriggers, whenSends } from './world/triggers';
export { checkTopics, evaluateCheck, gradeScenario, messageIdsOf, runScenario, sentMailOf, type CheckContext, type CheckResult, type ConsoleInput, type Grade, type GoalResult, type ScenarioRun, type SentMail } from './grading';
export { firstHolding, lessonIntervention, LESSON_FILES, loadLesson, walkLesson, type FrontMatter, type Lesson, type LessonAction, type LessonFiles, type LessonLoadResult, type Question, type Step, type Task } from './lesson';

/**
 * The page's view of the simulation core's API (`src/sim/index.ts`), and the messages the page
 * and the simulation worker exchange. Types only; the worker calls the core.
 */
import type { Intervention, PlanError, TraceEvent, WorldView } from '../sim/index';
import type { CourseRequest } from './course-contract';

/** Intervention: something the user did at virtual time `at`; replays include it (the core's type). */
export type { Intervention, InterventionAction } from '../sim/index';

/** SimulateOptions: a run is fully described by these (the simulation is deterministic). */
export interface SimulateOptions {
  scenarioText?: string;
  seed?: number;
  until?: number;
  interventions?: Intervention[];
}

/** ScenarioError: a located problem in a scenario file, in both languages (the core's PlanError). */
export type ScenarioError = PlanError;

/** SimulateResult: a finished run as plain data, or the scenario's errors. */
export type SimulateResult =
  | { ok: true; trace: TraceEvent[]; view: WorldView; horizon: number }
  | { ok: false; errors: ScenarioError[] };

/** ReplyExplanation: the reply table's teaching text for one reply. */
export interface ReplyExplanation {
  title: string;
  meaning: string;
  cause: string;
  fix: string;
}

/** Explain: looks a reply up in the reply table (the reply's text helps pick the right entry). */
export type Explain = (code: number, enhanced: string | undefined, lang: 'en' | 'de', text?: string) => Promise<ReplyExplanation | null>;

/**
 * FixtureName: a built-in synthetic world instead of the core — `dev` (a small hand-written
 * world), `stress` (the benchmark's), `crash` (a core that throws, to test the error display).
 */
export type FixtureName = 'dev' | 'stress' | 'crash';

/** WorkerRequest: a call from the page to the worker. */
export type WorkerRequest =
  | { id: number; kind: 'simulate'; opts: SimulateOptions; fixture?: FixtureName }
  | { id: number; kind: 'viewAt'; opts: SimulateOptions; t: number; fixture?: FixtureName }
  | { id: number; kind: 'explain'; code: number; enhanced: string | undefined; text?: string; lang: 'en' | 'de' }
  | ({ id: number } & CourseRequest);

/** WorkerResponse: the worker's answer to one request. */
export type WorkerResponse =
  | { id: number; ok: true; value: unknown; source: 'core' | 'fixture' }
  | { id: number; ok: false; error: string };

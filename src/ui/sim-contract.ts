/**
 * The page's view of the simulation core's API (`src/sim/index.ts`), and the messages the page
 * and the simulation worker exchange. Types only; the worker calls the core.
 */
import type { TraceEvent } from '../sim/kernel/trace';
import type { AccountView, WorldView } from '../sim/world/view-model';

/** FaultSpec: a fault from the catalogue aimed at a target. */
export interface FaultSpec {
  kind: string;
  target: string;
  params?: Record<string, string | number | boolean>;
}

/** Intervention: something the user did at virtual time `at`; replays include it. */
export interface Intervention {
  at: number;
  action:
    | { do: 'inject-fault'; fault: FaultSpec }
    | { do: 'clear-fault'; id: string }
    | { do: 'send'; mail: { from: string; to: string[]; subject: string; body: string } }
    | { do: 'set-account'; address: string; outgoing?: Partial<AccountView['outgoing']> }
    | { do: 'set-zone'; zone: string; text: string }
    | { do: 'flush-queue'; host: string };
}

/** SimulateOptions: a run is fully described by these (the simulation is deterministic). */
export interface SimulateOptions {
  scenarioText?: string;
  seed?: number;
  until?: number;
  interventions?: Intervention[];
}

/** ScenarioError: a located problem in a scenario file, in both languages. */
export interface ScenarioError {
  file: string;
  line: number;
  column: number;
  path: string;
  message: { en: string; de: string };
}

/** SimulateResult: a finished run, or the scenario's errors. */
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

/** SimCore: the functions of the core the worker uses. */
export interface SimCore {
  simulate(opts: SimulateOptions): Promise<SimulateResult>;
  viewAt(opts: SimulateOptions, t: number): Promise<WorldView | undefined>;
}

/** FixtureName: a built-in synthetic world instead of the core (`stress` is the benchmark's). */
export type FixtureName = 'dev' | 'stress';

/** WorkerRequest: a call from the page to the worker. */
export type WorkerRequest =
  | { id: number; kind: 'simulate'; opts: SimulateOptions; fixture?: FixtureName }
  | { id: number; kind: 'viewAt'; opts: SimulateOptions; t: number; fixture?: FixtureName }
  | { id: number; kind: 'explain'; code: number; enhanced: string | undefined; lang: 'en' | 'de' };

/** WorkerResponse: the worker's answer to one request. */
export type WorkerResponse =
  | { id: number; ok: true; value: unknown; source: 'core' | 'fixture' }
  | { id: number; ok: false; error: string };

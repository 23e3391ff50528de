/**
 * planFromScenarioText: turn a scenario file into a world plan, the mail to send and the
 * faults to schedule. Every problem comes back located (file, line, column, path).
 */
import type { Draft } from '../agents/mua';
import type { FaultSpecInput } from './fault-state';
import type { WorldPlan } from './default-world';
import type { World } from './world';

/** PlanError: a located problem in a scenario. */
export interface PlanError {
  file: string;
  line: number;
  column: number;
  path: string;
  message: { en: string; de: string };
}

/** PlannedRun: what `simulate` needs from a scenario. */
export interface PlannedRun {
  plan: WorldPlan;
  sends: { at: number; draft: Draft }[];
  /** Mail sent straight to an MX by a host without a mail program (spoofing). */
  directSends: { at: number; start: (world: World) => void }[];
  faults: FaultSpecInput[];
  until?: number;
}

/** planFromScenarioText parses, validates and converts a scenario. */
export function planFromScenarioText(_text: string, file: string, _seed?: number): { ok: true; run: PlannedRun } | { ok: false; errors: PlanError[] } {
  return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message: { en: 'scenario files are not supported yet', de: 'Szenariodateien werden noch nicht unterstützt' } }] };
}

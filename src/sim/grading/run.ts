/**
 * runScenario: run a scenario headless for one student's seed — as it is, or with its `solution`
 * carried out — and grade its goals. The solution's timed steps become interventions at their
 * time; its `when` steps wait for their checks like any event-triggered action.
 */
import type { TraceEvent } from '../kernel/trace';
import type { Scenario } from '../scenario/schema';
import type { VariableValue } from '../scenario/variables';
import type { PlanError } from '../world/scenario-plan';
import { applyIntervention, prepareWorld, QUIET_LIMIT_MS, scenarioAction, type Intervention } from '../world/simulate';
import { installTriggers } from '../world/triggers';
import type { WorldView } from '../world/view-model';
import { checkTopics, evaluateCheck } from './checks';
import { gradeScenario, sentMailOf, type Grade } from './grade';

/** RunOptions: the student's seed, whether to carry out the solution, extra interventions (a lesson's actions) and where to stop. */
export interface RunOptions {
  seed?: number;
  solution?: boolean;
  interventions?: Intervention[];
  until?: number;
}

/** ScenarioRun: a finished, graded run. */
export interface ScenarioRun {
  ok: true;
  scenario: Scenario;
  values: Record<string, VariableValue>;
  trace: TraceEvent[];
  view: WorldView;
  grade: Grade;
}

/** runScenario runs a scenario file's text to its end (its `until`), optionally with its solution, and grades it. */
export async function runScenario(text: string, file: string, opts: RunOptions = {}): Promise<ScenarioRun | { ok: false; errors: PlanError[] }> {
  const prepared = prepareWorld({ scenarioText: text, scenarioFile: file, seed: opts.seed, interventions: opts.interventions });
  if (!prepared.ok) return prepared;
  const { world, run } = prepared;
  const scenario = run.scenario;
  if (!scenario) return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message: { en: 'the scenario could not be read', de: 'das Szenario ließ sich nicht lesen' } }] };
  if (opts.solution) {
    for (const a of scenario.solution) {
      const action = scenarioAction(a);
      if (a.at !== undefined && action) world.scheduler.at(a.at, () => applyIntervention(world, action));
    }
    installTriggers(world, scenario.solution, evaluateCheck, { topics: checkTopics, sends: sentMailOf(scenario) });
  }
  await world.run(opts.until ?? run.until ?? QUIET_LIMIT_MS);
  world.finish();
  const trace = world.trace.events;
  const view = world.view();
  return { ok: true, scenario, values: run.values ?? {}, trace, view, grade: gradeScenario(scenario, trace, view) };
}

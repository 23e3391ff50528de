/**
 * Warnings for a scenario that is valid but probably not what its author meant: things scheduled
 * after the run ends, variables never used, a solution without goals.
 */
import { formatDuration } from './duration';
import type { PathSegment } from './issues';
import type { Scenario } from './schema';
import type { Text } from './text';

/** ScenarioHint is one warning with the path it concerns. */
export interface ScenarioHint {
  path: PathSegment[];
  message: Text;
}

/** lintScenario lists warnings for a validated scenario; `unused` names variables never referenced. */
export function lintScenario(s: Scenario, unused: readonly string[] = []): ScenarioHint[] {
  const hints: ScenarioHint[] = [];
  const end = formatDuration(s.until);
  const late = (at: number | undefined, path: PathSegment[], what: Text): void => {
    if (at !== undefined && at > s.until) {
      hints.push({
        path,
        message: {
          en: `${what.en} at ${formatDuration(at)}, after the run ends at ${end} (until); it will not happen unless the run is longer`,
          de: `${what.de} bei ${formatDuration(at)}, nach dem Ende des Laufs bei ${end} (until); das geschieht nur bei einem längeren Lauf`,
        },
      });
    }
  };
  s.send.forEach((m, i) => late(m.at, ['send', i, 'at'], { en: 'this mail is sent', de: 'diese Mail wird gesendet' }));
  s.faults.forEach((f, i) => late(f.from, ['faults', i, 'from'], { en: 'this fault starts', de: 'dieser Fehler beginnt' }));
  s.actions.forEach((a, i) => late(a.at, ['actions', i, 'at'], { en: 'this action runs', de: 'diese Aktion läuft' }));
  for (const name of unused) {
    hints.push({ path: ['variables', name], message: { en: `the variable '${name}' is never used as {{${name}}}`, de: `die Variable '${name}' wird nie als {{${name}}} verwendet` } });
  }
  if (s.solution.length > 0 && s.goals.length === 0) {
    hints.push({ path: ['solution'], message: { en: 'there is a solution but no goals, so nothing can confirm that it works', de: 'es gibt eine Lösung, aber keine Ziele, also kann nichts bestätigen, dass sie funktioniert' } });
  }
  return hints;
}

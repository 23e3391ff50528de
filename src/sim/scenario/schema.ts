/**
 * The scenario format: ONE zod schema from which the TypeScript types, the loader's validation
 * and the editor's JSON Schema all come. A scenario describes the world (or changes the default
 * world), the mail to send, the faults, the actions, the per-student variables, the goals that
 * grade a run and a solution that reaches them.
 */
import { z } from 'zod';
import { CheckSchema, type Check } from './schema-checks';
import { closedObject, DurationSchema, fail, hint, IdSchema, LocalTextSchema, named, ScalarSchema } from './schema-common';
import { FaultSchema, type FaultSpec } from './schema-faults';
import { ActionSchema, SendSchema } from './schema-timeline';
import { AccountSchema, DnsSchema, HostsSchema } from './schema-world';
import type { Text } from './text';

/** DEFAULT_EPOCH: the wall-clock time the virtual clock starts at unless a scenario says otherwise. */
export const DEFAULT_EPOCH = '2026-11-27T09:00:00Z';

/** DEFAULT_UNTIL_MS: how long a run lasts unless the scenario or the CLI says otherwise (1 hour). */
export const DEFAULT_UNTIL_MS = 3_600_000;

/** VariableSchema is one per-student variable: a value picked from a list, a whole number in a range, or a template of other variables. */
export const VariableSchema = z
  .union(
    [
      closedObject({ pick: z.array(ScalarSchema).min(1).describe('Values to pick one from.') }),
      closedObject({ range: z.tuple([z.int(), z.int()]).describe('[min, max], both included.') }).superRefine((v, ctx) => {
        if (v.range[0] > v.range[1]) fail(ctx, { en: 'the range must be [min, max] with min not above max', de: 'der Bereich muss [min, max] sein, mit min nicht über max' }, ['range']);
      }),
      closedObject({ template: z.string().describe('Text with {{other}} variables, e.g. "{{user}}@example.org".') }),
    ],
  )
  .meta({ title: 'Variable', description: 'Drawn per student from the seed and used as {{name}} in any text: { pick: [...] }, { range: [min, max] } or { template: "..." }.' });

/** VARIABLE_NAME: what a variable may be called (used as `{{name}}`). */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const VariableNameSchema = z.string().regex(VARIABLE_NAME, {
  error: hint({ text: { en: 'a variable name uses letters, digits and _ and starts with a letter', de: 'ein Variablenname besteht aus Buchstaben, Ziffern und _ und beginnt mit einem Buchstaben' } }),
});

/** GoalSchema is one graded goal: a check, its points and what to tell the student. */
export const GoalSchema = closedObject({
  id: IdSchema,
  title: LocalTextSchema.optional(),
  check: CheckSchema,
  points: z.number().min(0).default(1).describe('Points for reaching the goal.'),
  messages: closedObject({
    complete: LocalTextSchema.optional().describe('Shown when the goal is reached.'),
    incomplete: LocalTextSchema.optional().describe('Shown while it is not.'),
  }).optional(),
}).meta({ title: 'Goal', description: 'A graded goal: a check over the outcome, with points.' });

const SCENARIO_FIELDS_NOTE = 'A scenario for SMTP Lab: the world (or changes to the default world), mail to send, faults, actions, variables, goals and a solution.';

/** ScenarioSchema is the whole scenario file. */
export const ScenarioSchema = closedObject({
  $schema: z.string().optional().describe('The JSON Schema this file follows (for editors).'),
  version: z.literal(1).default(1).describe('Format version.'),
  title: LocalTextSchema.describe('Title of the scenario.'),
  description: LocalTextSchema.optional().describe('What the scenario is about.'),
  seed: z.int().min(0).max(4_294_967_295).default(1).describe('Seed of the random source and of the variables; same seed, same run.'),
  world: named(['default', 'empty'], { en: 'world', de: 'Welt' }).default('default').describe('default: change the built-in world; empty: start with nothing.'),
  epoch: z.iso.datetime({ offset: true }).default(DEFAULT_EPOCH).describe('Date and time at which the virtual clock starts (default 2026-11-27T09:00:00Z).'),
  until: DurationSchema.default(DEFAULT_UNTIL_MS).describe('How long to simulate (default 1h; the CLI can override it).'),
  hosts: HostsSchema.default({}),
  dns: DnsSchema.default({}),
  accounts: z.array(AccountSchema).default([]).describe('Accounts; an entry with an existing address changes that account.'),
  send: z.array(SendSchema).default([]).describe('Mail to send.'),
  faults: z.array(FaultSchema).default([]).describe('Faults, each from the catalogue.'),
  actions: z.array(ActionSchema).default([]).describe('Timed or triggered actions.'),
  variables: z.record(VariableNameSchema, VariableSchema).default({}).describe('Per-student variables, used as {{name}} in any text.'),
  goals: z.array(GoalSchema).default([]).describe('Graded goals.'),
  solution: z.array(ActionSchema).default([]).describe('Actions that solve the exercise (run by lessons:check).'),
  gradedBy: named(['solution', 'watching'], { en: 'way of grading', de: 'Bewertungsart' })
    .default('solution')
    .describe('solution (default): the goals fail until someone acts, and `solution` shows how; watching: the goals hold when the scenario simply runs (a guided tour), so lessons:check expects them to pass with no action at all.'),
})
  .superRefine((s, ctx) => {
    unique(ctx, s.goals.map((g) => g.id), (i) => ['goals', i, 'id'], { en: 'goal id', de: 'Die Ziel-Kennung' });
    unique(ctx, s.send.map((m) => m.id), (i) => ['send', i, 'id'], { en: 'mail id', de: 'Die Mail-Kennung' });
    unique(ctx, s.accounts.map((a) => a.address.toLowerCase()), (i) => ['accounts', i, 'address'], { en: 'account', de: 'Das Konto' });
    const faultIds = [
      ...s.faults.map((f, i) => [f.id, ['faults', i, 'id']] as const),
      ...s.actions.map((a, i) => [a.do === 'inject-fault' ? a.fault.id : undefined, ['actions', i, 'fault', 'id']] as const),
    ];
    unique(ctx, faultIds.map(([id]) => id), (i) => [...faultIds[i][1]], { en: 'fault id', de: 'Die Fehler-Kennung' });
    const known = new Set(faultIds.map(([id]) => id).filter((id) => id !== undefined));
    for (const [list, name] of [[s.actions, 'actions'], [s.solution, 'solution']] as const) {
      list.forEach((a, i) => {
        if (a.do === 'clear-fault' && a.id !== undefined && !known.has(a.id)) {
          fail(ctx, { en: `no fault has the id '${a.id}'${known.size ? `; fault ids: ${[...known].join(', ')}` : ''}`, de: `kein Fehler hat die Kennung '${a.id}'${known.size ? `; Kennungen: ${[...known].join(', ')}` : ''}` }, [name, i, 'id']);
        }
      });
    }
  })
  .meta({ title: 'SMTP Lab scenario', description: SCENARIO_FIELDS_NOTE });

/** unique reports every repeat of a value in a list (undefined values are skipped). */
function unique(ctx: z.core.$RefinementCtx<unknown>, values: (string | undefined)[], path: (i: number) => PropertyKey[], what: Text): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (v === undefined) return;
    if (seen.has(v)) fail(ctx, { en: `the ${what.en} '${v}' is used twice`, de: `${what.de} '${v}' kommt zweimal vor` }, path(i));
    seen.add(v);
  });
}

/** Scenario is a validated scenario: defaults filled in, durations in ms, recipients as lists. */
export type Scenario = z.output<typeof ScenarioSchema>;
/** ScenarioInput is a scenario as written in a file. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
/** HostSpec is one host entry of a scenario. */
export type HostSpec = Scenario['hosts'][string];
/** AccountSpec is one account entry of a scenario. */
export type AccountSpec = Scenario['accounts'][number];
/** SendSpec is one mail to send. */
export type SendSpec = Scenario['send'][number];
/** Action is one timed or triggered action. */
export type Action = Scenario['actions'][number];
/** Goal is one graded goal. */
export type Goal = Scenario['goals'][number];
/** VariableDef is one variable definition. */
export type VariableDef = Scenario['variables'][string];
/** ZoneSpec is one zone of a scenario: zone-file text or record lines. */
export type ZoneSpec = Scenario['dns'][string];

export type { Check, FaultSpec };
export { CheckSchema, FaultSchema };

import { describe, expect, it } from 'vitest';
import { formatScenarioError } from '../scenario/load';
import { loadLesson, type LessonFiles } from './load';

const EN = `---
title: Test lesson
level: beginner
duration: 10m
objectives:
  - See a mail arrive.
---
Hello.
`;
const DE = `---
title: Testlektion
level: beginner
duration: 10m
objectives:
  - Eine Mail ankommen sehen.
---
Hallo.
`;
const SCENARIO = `title: Test
variables:
  host: { pick: [mx1.example.org, mx2.example.org] }
faults:
  - { kind: busy, target: "{{host}}", for: 5m }
`;
const STEPS = `- id: one
  instructions: { en: Press Play., de: Drücke Abspielen. }
  actions:
    - playUntil: { reply: { code: 421, at: "{{host}}" } }
  tasks:
    - id: saw
      text: { en: "See the 421 from {{host}}.", de: "Sieh das 421 von {{host}}." }
      check: { reply: { code: 421, at: "{{host}}" } }
  questions:
    - id: q
      prompt: Which code?
      options: ["421", "550"]
      answer: 1
`;

const GOOD: LessonFiles = { 'lesson.en.md': EN, 'lesson.de.md': DE, 'scenario.yaml': SCENARIO, 'steps.yaml': STEPS };

/** Replaces `from` with `to` in one file of the good lesson. */
function broken(file: keyof LessonFiles, from: string | RegExp, to: string): LessonFiles {
  const text = GOOD[file]!;
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`test setup: '${String(from)}' not found in ${file}`);
  return { ...GOOD, [file]: changed };
}

describe('loadLesson', () => {
  it('loads a good lesson with both languages, steps and scenario', () => {
    const r = loadLesson('test', GOOD);
    if (!r.ok) throw new Error(r.errors.map((e) => formatScenarioError(e, 'en')).join('\n'));
    expect(r.lesson.meta.en.title).toBe('Test lesson');
    expect(r.lesson.meta.de.title).toBe('Testlektion');
    expect(r.lesson.meta.en.duration).toBe(600_000);
    expect(r.lesson.body.de.trim()).toBe('Hallo.');
    expect(r.lesson.steps[0].questions[0].answer).toBe(1);
    expect(r.lesson.steps[0].hints).toEqual([]);
  });

  it("puts the student's variables into the steps, the same for the same seed", () => {
    const hosts = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const a = loadLesson('test', GOOD, { seed });
      const b = loadLesson('test', GOOD, { seed });
      if (!a.ok || !b.ok) throw new Error('did not load');
      expect(a.lesson.values).toEqual(b.lesson.values);
      const host = String(a.lesson.values.host);
      hosts.add(host);
      expect(a.lesson.steps[0].tasks[0].text.en).toBe(`See the 421 from ${host}.`);
      expect(a.lesson.steps[0].tasks[0].check).toEqual({ reply: { code: 421, at: host } });
      expect(a.lesson.scenario.faults[0].target).toBe(host);
    }
    expect(hosts.size).toBe(2);
  });

  /** [what, files, file, line, message pattern] */
  const BAD: [string, LessonFiles, string, number, RegExp][] = [
    ['German text missing', { ...GOOD, 'lesson.de.md': undefined }, 'lessons/test/lesson.de.md', 1, /lesson.de.md is missing/],
    ['steps missing', { ...GOOD, 'steps.yaml': undefined }, 'lessons/test/steps.yaml', 1, /steps.yaml is missing/],
    ['no front matter', broken('lesson.en.md', /^---\n/, ''), 'lessons/test/lesson.en.md', 1, /starts with its front matter/],
    ['front matter not closed', broken('lesson.en.md', /^---\nHello/m, 'Hello'), 'lessons/test/lesson.en.md', 8, /not closed/],
    ['unknown level', broken('lesson.en.md', 'level: beginner', 'level: expert'), 'lessons/test/lesson.en.md', 3, /unknown level 'expert'.*beginner, intermediate, advanced/],
    ['misspelt field', broken('lesson.de.md', 'duration:', 'duraton:'), 'lessons/test/lesson.de.md', 4, /unknown field 'duraton'.*did you mean 'duration'/i],
    ['bad duration', broken('lesson.en.md', 'duration: 10m', 'duration: ten minutes'), 'lessons/test/lesson.en.md', 4, /'ten minutes' is not a duration/],
    ['objective read as a mapping', broken('lesson.en.md', '  - See a mail arrive.', '  - See: a mail arrive.'), 'lessons/test/lesson.en.md', 6, /must be put in quotes/],
    ['languages disagree', broken('lesson.de.md', 'level: beginner', 'level: advanced'), 'lessons/test/lesson.de.md', 3, /'level' is advanced here but beginner in lesson.en.md/],
    ['YAML error in front matter', broken('lesson.en.md', 'title: Test lesson', 'title: [Test lesson'), 'lessons/test/lesson.en.md', 3, /YAML: Flow sequence/],
    ['misspelt step field', broken('steps.yaml', 'instructions:', 'instruction:'), 'lessons/test/steps.yaml', 2, /unknown field 'instruction'.*instructions/],
    ['answer past the options', broken('steps.yaml', 'answer: 1', 'answer: 3'), 'lessons/test/steps.yaml', 13, /answer 3 points past the last option: there are 2 options/],
    ['answer counted from 0', broken('steps.yaml', 'answer: 1', 'answer: 0'), 'lessons/test/steps.yaml', 13, /counted from 1/],
    ['unknown check', broken('steps.yaml', 'check: { reply:', 'check: { replies:'), 'lessons/test/steps.yaml', 8, /replies/],
    ['unknown action', broken('steps.yaml', '- playUntil:', '- playUtil:'), 'lessons/test/steps.yaml', 4, /playUntil/],
    ['act waits with when', broken('steps.yaml', '    - playUntil: { reply: { code: 421, at: "{{host}}" } }', '    - act: { do: flush-queue, host: relay.example.net, when: { reply: { code: 421 } } }'), 'lessons/test/steps.yaml', 4, /cannot wait with 'when'/],
    ['duplicate id', broken('steps.yaml', '- id: q\n', '- id: saw\n'), 'lessons/test/steps.yaml', 10, /'saw' is already used at \[0\]\.tasks\[0\]\.id/],
    ['unknown variable', broken('steps.yaml', 'See the 421 from {{host}}.', 'See the 421 from {{hots}}.'), 'lessons/test/steps.yaml', 7, /unknown variable 'hots'.*host/],
    ['YAML error in steps', broken('steps.yaml', 'prompt: Which code?', 'prompt: "Which code?'), 'lessons/test/steps.yaml', 11, /YAML|closing/],
    ['empty steps', { ...GOOD, 'steps.yaml': '' }, 'lessons/test/steps.yaml', 1, /at least one step/],
    ['error in the scenario', broken('scenario.yaml', 'kind: busy', 'kind: bussy'), 'lessons/test/scenario.yaml', 5, /unknown fault kind 'bussy'/],
  ];

  it.each(BAD)('%s: says where and what', (_what, files, file, line, message) => {
    const r = loadLesson('test', files);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const hit = r.errors.find((e) => e.file === file && message.test(e.message.en));
    expect(hit, r.errors.map((e) => formatScenarioError(e, 'en')).join('\n')).toBeDefined();
    expect(hit!.line).toBe(line);
    expect(hit!.column).toBeGreaterThan(0);
    expect(hit!.message.de.length).toBeGreaterThan(0);
    expect(hit!.message.de).not.toBe(hit!.message.en);
  });

  it('rejects a folder name that cannot be an id', () => {
    const r = loadLesson('Fix SPF', GOOD);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message.en).toMatch(/cannot name a lesson/);
  });

  it('reports problems of every file at once', () => {
    const r = loadLesson('test', { ...broken('steps.yaml', 'answer: 1', 'answer: 9'), 'lesson.en.md': EN.replace('level: beginner', 'level: expert') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(new Set(r.errors.map((e) => e.file))).toEqual(new Set(['lessons/test/lesson.en.md', 'lessons/test/steps.yaml']));
  });

  it('never throws on hostile input', () => {
    const inputs = ['', '---\n---\n', '---\n- a\n---\n', 'x'.repeat(300_000), '---\n__proto__: 1\n---\n', '- &a [*a]'];
    for (const text of inputs) {
      for (const file of ['lesson.en.md', 'steps.yaml', 'scenario.yaml'] as const) {
        const r = loadLesson('test', { ...GOOD, [file]: text });
        expect(r.ok).toBe(false);
      }
    }
  });
});

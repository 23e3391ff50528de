import { describe, expect, it } from 'vitest';
import { checkScenario, evaluateChecks, firstHoldings, gradeRun, listLessons, loadLessonPlan, readExample, scenarioExamples } from './course-service';
import { cachedSimulate } from './run-cache';

const HAND_WRITTEN = `title: { en: Busy for ten minutes, de: Zehn Minuten ausgelastet }
seed: 4
until: 1h
hosts:
  relay.example.net:
    queue: { retry: [5m, 10m] }
send:
  - { id: hi, at: 1s, from: alice@example.com, to: bob@example.org, subject: Hi }
faults:
  - { kind: busy, target: mx1.example.org, from: 0s, for: 10m }
  - { kind: busy, target: mx2.example.org, from: 0s, for: 10m }
goals:
  - id: saw-421
    title: { en: The relay meets a 421, de: Das Relay bekommt ein 421 }
    check: { reply: { code: 421, at: mx1.example.org } }
  - id: delivered
    check: { fate: delivered, message: hi, folder: INBOX }
    points: 2
`;

describe('the bundled lessons', () => {
  it('lists every lesson in catalogue order, in both languages', async () => {
    const list = await listLessons();
    const ids = list.map((l) => l.id);
    expect(ids).toEqual(expect.arrayContaining(['follow-one-mail', 'busy-server', 'fix-spf']));
    expect(ids[0]).toBe('follow-one-mail');
    const first = list[0];
    expect(first.errors).toEqual([]);
    expect(first.meta?.en.title).toBe('Follow one mail');
    expect(first.meta?.de.title).toBe('Einer Mail folgen');
    expect(first.stepIds.length).toBeGreaterThan(3);
    expect(first.questions).toBeGreaterThan(5);
  });

  it('loads a lesson as steps ready to play', async () => {
    const loaded = await loadLessonPlan('follow-one-mail', null);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const greeting = loaded.plan.steps.find((s) => s.id === 'greeting')!;
    expect(greeting.actions[0]).toMatchObject({ kind: 'playUntil' });
    const predict = greeting.questions.find((q) => q.before)!;
    expect(predict.answer).toEqual([1]);
    expect(loaded.plan.goals.map((g) => g.id)).toContain('delivered');
  });

  it('turns a lesson’s fault injection into an intervention relative to the step', async () => {
    const loaded = await loadLessonPlan('busy-server', 3);
    if (!loaded.ok) throw new Error('not loaded');
    const injects = loaded.plan.steps.flatMap((s) => s.actions).filter((a) => a.kind === 'intervene');
    expect(injects[0]).toMatchObject({ kind: 'intervene', at: 0, action: { do: 'inject-fault', fault: { kind: 'busy', target: 'mx1.example.org' } } });
  });

  it('says what is wrong with a lesson that does not exist', async () => {
    expect(await loadLessonPlan('no-such-lesson', null)).toMatchObject({ ok: false });
  });

  it('offers the bundled scenarios as examples, steps files excluded', async () => {
    const examples = await scenarioExamples();
    expect(examples.map((e) => e.file)).toContain('lessons/busy-server/scenario.yaml');
    expect(examples.some((e) => e.file.endsWith('steps.yaml'))).toBe(false);
    expect(await readExample('lessons/busy-server/steps.yaml')).toBeNull();
    expect(await readExample('lessons/busy-server/scenario.yaml')).toMatch(/busy/);
  });
});

describe('grading glue', () => {
  it('finds where a lesson stops, and evaluates its tasks at the playback moment', async () => {
    const loaded = await loadLessonPlan('follow-one-mail', null);
    if (!loaded.ok) throw new Error('not loaded');
    const opts = { scenarioText: loaded.plan.scenarioText, interventions: [] };
    const greeting = loaded.plan.steps.find((s) => s.id === 'greeting')!;
    const until = greeting.actions[0];
    if (until.kind !== 'playUntil') throw new Error('expected playUntil');
    const predict = greeting.questions.find((q) => q.before)!;
    const [stop, reveal] = (await firstHoldings({ kind: 'run.firstHolding', opts, checks: [until.check, predict.before!] }))!;
    expect(stop).not.toBeNull();
    expect(reveal).toBeGreaterThan(stop!);
    const run = await cachedSimulate(opts);
    if (!run.ok) throw new Error('run failed');
    const task = greeting.tasks[0].check;
    const before = await evaluateChecks({ opts, shown: stop!, now: run.trace[stop! - 1].t }, [task]);
    const after = await evaluateChecks({ opts, shown: stop! + 1, now: run.trace[stop!].t }, [task]);
    expect(before![0].pass).toBe(false);
    expect(after![0].pass).toBe(true);
  });

  it('grades a hand-written scenario with a scheduled fault: nothing at the start, everything at the end', async () => {
    const checked = checkScenario(HAND_WRITTEN, null);
    expect(checked).toMatchObject({ ok: true, goals: [{ id: 'saw-421', points: 1 }, { id: 'delivered', points: 2 }] });
    const opts = { scenarioText: HAND_WRITTEN, interventions: [] };
    const grade = await gradeRun({ opts, shown: 0, now: 0 });
    expect(grade!.now.score).toBe(0);
    expect(grade!.end.goals.map((g) => g.pass)).toEqual([true, true]);
    expect(grade!.end).toMatchObject({ score: 3, max: 3, percent: 100 });
  });

  it('gives the same grade to every student seed of a scenario without variables, and none to the default world', async () => {
    const a = await gradeRun({ opts: { scenarioText: HAND_WRITTEN, seed: 11 }, shown: 1e9, now: 1e9 });
    expect(a!.end.percent).toBe(100);
    expect(await gradeRun({ opts: {}, shown: 0, now: 0 })).toBeNull();
  });

  it('reports scenario errors at line and column, in both languages', () => {
    const bad = checkScenario('title: x\nfaults:\n  - { kind: bussy, target: mx1.example.org }\n', null);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors[0]).toMatchObject({ line: 3 });
    expect(bad.errors[0].message.en).toMatch(/busy/);
    expect(bad.errors[0].message.de.length).toBeGreaterThan(0);
  });

  it('finds a zone that does not parse only when the world is built', () => {
    const bad = checkScenario('title: x\ndns:\n  example.org: |\n    @ IN MX notanumber mx1.example.org.\n', null);
    expect(bad.ok).toBe(false);
  });

  it('draws a different variant per student seed', async () => {
    const loaded = await loadLessonPlan('fix-spf', 1);
    const other = await loadLessonPlan('fix-spf', 2);
    if (!loaded.ok || !other.ok) throw new Error('not loaded');
    const a = checkScenario(loaded.plan.scenarioText, 1);
    const b = checkScenario(loaded.plan.scenarioText, 2);
    if (!a.ok || !b.ok) throw new Error('invalid');
    expect(a.values.brokenSpf).not.toEqual(b.values.brokenSpf);
  });
});

import { describe, expect, it } from 'vitest';
import type { WorldView } from '../world/view-model';
import { gradeScenario } from './grade';
import { runScenario } from './run';

const SCENARIO = `title: Grade test
until: 10m
accounts:
  - address: alice@example.com
    outgoing: { server: smtp.example.com, port: 25, security: none }
send:
  - { id: first, at: 1s, from: alice@example.com, to: bob@example.org, subject: Hi }
goals:
  - id: delivered
    title: { en: Bob gets it, de: Bob bekommt sie }
    check: { fate: delivered, to: bob@example.org, folder: INBOX }
    points: 3
    messages:
      complete: { en: Well done., de: Gut gemacht. }
      incomplete: { en: Not yet., de: Noch nicht. }
  - id: refused-first
    check: { fate: rejected, message: first }
solution:
  - { at: 1m, do: set-account, address: alice@example.com, setting: outgoing.port, value: 587 }
  - { at: 1m, do: set-account, address: alice@example.com, setting: outgoing.security, value: starttls }
  - when: { account: { address: alice@example.com, setting: outgoing.port, equals: 587 } }
    do: send
    mail: { id: second, from: alice@example.com, to: bob@example.org, subject: Hi again }
`;

describe('gradeScenario and runScenario', () => {
  it('grades a run without the solution', async () => {
    const r = await runScenario(SCENARIO, 'grade.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.grade.goals.map((g) => [g.id, g.pass, g.earned])).toEqual([['delivered', false, 0], ['refused-first', true, 1]]);
    expect(r.grade.goals[0].message).toEqual({ en: 'Not yet.', de: 'Noch nicht.' });
    expect(r.grade.goals[0].detail.en).toMatch(/rejected: 554 5.7.1/);
    expect(r.grade.goals[1].title).toEqual({ en: 'refused-first', de: 'refused-first' });
    expect([r.grade.score, r.grade.max, r.grade.percent]).toEqual([1, 4, 25]);
  });

  it('carries out the solution, timed steps and `when` steps alike', async () => {
    const r = await runScenario(SCENARIO, 'grade.yaml', { solution: true });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.grade.goals.every((g) => g.pass)).toBe(true);
    expect(r.grade.goals[0].message.en).toBe('Well done.');
    expect([r.grade.score, r.grade.max, r.grade.percent]).toEqual([4, 4, 100]);
    const resent = r.trace.find((e) => e.type === 'mail.submit' && (e as { subject?: string }).subject === 'Hi again');
    expect(resent?.t).toBe(60_000);
  });

  it('reports the located errors of a broken scenario', async () => {
    const r = await runScenario('title: x\nfaults: [{ kind: bussy, target: mx1.example.org }]\n', 'broken.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ file: 'broken.yaml', line: 2 });
  });

  it('gives 100% to a scenario without goals and never divides by zero', () => {
    const g = gradeScenario({ goals: [], send: [], actions: [], solution: [] }, [], {} as WorldView);
    expect(g).toEqual({ goals: [], score: 0, max: 0, percent: 100 });
  });
});

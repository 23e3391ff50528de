import { describe, expect, it } from 'vitest';
import { csvCell, resultsCsv, resultsFileName, resultsJson, type ResultsReport } from './results-export';

const report: ResultsReport = {
  app: 'SMTP Lab',
  format: 1,
  generated: '2026-11-28T10:00:00.000Z',
  student: 'Jürgen Ö.',
  seed: 12,
  language: 'en',
  scenario: {
    title: 'Busy, "really" busy',
    origin: 'editor',
    score: 1,
    max: 3,
    percent: 33,
    goals: [
      { id: 'saw-421', title: 'A 421', pass: true, points: 1, earned: 1, message: 'relay → mx1: 421 4.3.2' },
      { id: 'delivered', title: '=HYPERLINK("x")', pass: false, points: 2, earned: 0, message: 'not yet,\nsorry' },
    ],
  },
  lessons: [
    {
      id: 'follow-one-mail', title: 'Follow one mail', seed: null, steps: 8, stepsDone: 8, questions: 2, correct: 1, tasks: 1, tasksDone: 1, percent: 67,
      started: '2026-11-28T09:00:00.000Z', finished: '2026-11-28T09:20:00.000Z', minutes: 20,
      answers: [
        { question: 'first-hop', prompt: 'Which machine?', chosen: 'smtp.example.com', correct: true },
        { question: 'predict', prompt: 'What comes back?', chosen: '-535 5.7.8', correct: false },
      ],
    },
  ],
};

describe('results for the grade book', () => {
  it('quotes cells and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-535')).toBe("'-535");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('writes one CSV row per goal, lesson and answer', () => {
    const csv = resultsCsv(report);
    expect(csv.startsWith('\uFEFFstudent,seed,kind,source,item,title,result,points,earned,detail\r\n')).toBe(true);
    const rows = csv.trim().split('\r\n');
    expect(rows).toHaveLength(1 + 2 + 1 + 1 + 2);
    expect(rows[1]).toBe('Jürgen Ö.,12,goal,"Busy, ""really"" busy",saw-421,A 421,pass,1,1,relay → mx1: 421 4.3.2');
    expect(rows[2]).toContain(`'=HYPERLINK(""x"")`);
    expect(rows[2]).toContain('"not yet,\nsorry"');
    expect(rows.at(-1)).toContain("'-535 5.7.8");
  });

  it('writes JSON that reads back to the same report', () => {
    expect(JSON.parse(resultsJson(report))).toEqual(report);
  });

  it('names the file after the student and the day', () => {
    expect(resultsFileName(report, 'csv')).toBe('smtp-lab-results-jurgen-o-2026-11-28.csv');
    expect(resultsFileName({ ...report, student: '' }, 'json')).toBe('smtp-lab-results-2026-11-28.json');
  });
});

describe('building the report', () => {
  it('gathers goals and each lesson’s answers in the chosen language', async () => {
    const { buildReport } = await import('./results-export');
    const { freshLesson } = await import('./ProgressStore');
    const t = (en: string, de: string) => ({ en, de });
    const plan = {
      id: 'demo',
      seed: 3,
      meta: { en: { title: 'Demo', level: 'beginner' as const, duration: 60000, objectives: ['x'] }, de: { title: 'Vorführung', level: 'beginner' as const, duration: 60000, objectives: ['x'] } },
      body: t('', ''),
      scenarioText: 'title: x',
      goals: [],
      steps: [{ id: 's', title: null, instructions: t('', ''), actions: [], tasks: [], hints: [], questions: [{ id: 'q', prompt: t('Which **port**?', 'Welcher **Port**?'), options: [t('25', '25'), t('587 `submission`', '587 `Einlieferung`')], answer: [2], explain: null, before: null }] }],
    };
    const progress = freshLesson(3, Date.UTC(2026, 10, 28, 9));
    progress.answers.q = { choice: [2], correct: true, at: 5 };
    progress.done = ['s'];
    progress.finishedAt = Date.UTC(2026, 10, 28, 9, 12);
    const grade = { score: 2, max: 3, percent: 67, goals: [{ id: 'g', title: t('Goal', 'Ziel'), pass: true, points: 2, earned: 2, message: t('ok', 'gut'), detail: t('', '') }] };
    const report = buildReport({ now: new Date(Date.UTC(2026, 10, 28, 10)), lang: 'de', student: 'Ada', seed: 3, scenario: { title: 'S', origin: 'editor', grade }, lessons: [{ plan, progress }] });
    expect(report.scenario?.goals[0]).toEqual({ id: 'g', title: 'Ziel', pass: true, points: 2, earned: 2, message: 'gut' });
    expect(report.lessons[0]).toMatchObject({ title: 'Vorführung', stepsDone: 1, correct: 1, percent: 100, minutes: 12, answers: [{ question: 'q', prompt: 'Welcher Port?', chosen: '587 Einlieferung', correct: true }] });
    expect(report.generated).toBe('2026-11-28T10:00:00.000Z');
  });
});

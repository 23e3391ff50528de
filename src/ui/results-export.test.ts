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

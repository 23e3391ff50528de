import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LESSON_FILES, loadLesson, type LessonFiles } from './load';

function lessonFiles(id: string): LessonFiles {
  const dir = fileURLToPath(new URL(`../../../lessons/${id}/`, import.meta.url));
  const files: LessonFiles = {};
  for (const f of LESSON_FILES) if (existsSync(dir + f)) files[f] = readFileSync(dir + f, 'utf8');
  return files;
}

describe('per-student variants of "Fix the SPF record"', () => {
  const files = lessonFiles('fix-spf');

  it('draws the same broken record for the same seed, and different ones across seeds', () => {
    const records = new Set<string>();
    for (let seed = 1; seed <= 60; seed++) {
      const a = loadLesson('fix-spf', files, { seed });
      const b = loadLesson('fix-spf', files, { seed });
      if (!a.ok || !b.ok) throw new Error('fix-spf does not load');
      expect(a.lesson.values).toEqual(b.lesson.values);
      const record = String(a.lesson.values.brokenSpf);
      records.add(record);
      // The student's own record is in the zone and in the first hint of the fix step.
      expect(a.lesson.scenario.dns['example.com']).toContain(`"${record}"`);
      const fix = a.lesson.steps.find((s) => s.id === 'fix')!;
      expect(fix.hints[0].en).toContain(record);
      expect(fix.hints[0].de).toContain(record);
    }
    expect(records.size).toBe(6);
  });
});

import { describe, expect, it } from 'vitest';
import { lineCount, offsetOf, positionOf, withoutSolution } from './scenario-text';

describe('scenario text in the editor', () => {
  const text = 'title: x\nfaults:\n  - { kind: busy }\n';

  it('maps lines and columns to offsets and back', () => {
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(offsetOf(text, 3, 5)).toBe(text.indexOf('{'));
    expect(positionOf(text, text.indexOf('{'))).toEqual({ line: 3, column: 5 });
    expect(offsetOf(text, 3, 500)).toBe(text.indexOf('}') + 1);
    expect(offsetOf(text, 99, 1)).toBe(text.length);
    expect(lineCount(text)).toBe(4);
    expect(lineCount('')).toBe(1);
  });

  it('hides the solution block and keeps everything around it', () => {
    const scenario = [
      'title: Fix it',
      'goals:',
      '  - id: done',
      '    check: { fate: delivered }',
      '# What a student would do:',
      'solution:',
      '  - at: 2m',
      '    do: set-dns',
      '',
      '  - { at: 3m, do: send }',
      '',
      '# The end',
      'until: 1h',
    ].join('\n');
    const hidden = withoutSolution(scenario);
    expect(hidden.removed).toBe(true);
    expect(hidden.text).toBe(['title: Fix it', 'goals:', '  - id: done', '    check: { fate: delivered }', '', '# The end', 'until: 1h'].join('\n'));
    expect(withoutSolution('title: x\nsolution:\n- { at: 1m, do: flush-queue, host: a }\n')).toEqual({ text: 'title: x\n', removed: true });
    expect(withoutSolution('title: x\n')).toEqual({ text: 'title: x\n', removed: false });
    expect(withoutSolution('{"title": "x", "solution": []}').removed).toBe(false);
  });
});

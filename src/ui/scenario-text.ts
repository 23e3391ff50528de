/**
 * Small operations on a scenario's text in the editor: between line/column and character
 * offsets, and the text without its `solution` block (shown to students while the instructor
 * lock is on).
 */

/** offsetOf returns the character offset of a 1-based line and column, clamped to the text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineEnd = end < 0 ? text.length : end;
  return Math.min(lineEnd, offset + Math.max(0, column - 1));
}

/** positionOf returns the 1-based line and column of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** lineCount counts the lines of a text (an empty text has one). */
export function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * withoutSolution removes a top-level `solution:` block from YAML text: the key's line and every
 * line after it that is indented, blank or a comment, up to the next top-level key. Text without
 * such a block (or in JSON) comes back unchanged.
 */
export function withoutSolution(text: string): { text: string; removed: boolean } {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^solution\s*:/.test(l));
  if (start < 0) return { text, removed: false };
  let end = start + 1;
  while (end < lines.length && (/^\s/.test(lines[end]) || lines[end] === '' || /^-\s/.test(lines[end]) || /^#/.test(lines[end]))) end++;
  // Comments and blank lines just before the next key belong to it, not to the solution.
  while (end > start + 1 && (lines[end - 1] === '' || /^#/.test(lines[end - 1]))) end--;
  // A comment directly above `solution:` describes it.
  let from = start;
  while (from > 0 && /^#/.test(lines[from - 1])) from--;
  return { text: [...lines.slice(0, from), ...lines.slice(end)].join('\n'), removed: true };
}

/**
 * "Did you mean ...?": the closest known name to a misspelt one, by edit distance.
 */
import type { Text } from './text';

/** editDistance counts the insertions, deletions, substitutions and swaps between two strings. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][cols - 1];
}

/**
 * closestName returns the known name nearest to `word` (ignoring case), or undefined when none is
 * close enough to be a likely typo (at most a third of the word's letters differ, and at least one
 * letter is kept).
 */
export function closestName(word: string, known: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  if (w.length > 100) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const distance = editDistance(w, name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor(w.length / 3));
  return bestDistance <= allowed && bestDistance < w.length ? best : undefined;
}

/** didYouMean ends a message about an unknown name: " — did you mean 'busy'?" when one is close, else ".". */
export function didYouMean(word: string, known: readonly string[]): Text {
  const near = closestName(word, known);
  return near ? { en: ` — did you mean '${near}'?`, de: ` – meinten Sie '${near}'?` } : { en: '.', de: '.' };
}

/**
 * Front matter: the YAML block between two `---` lines at the top of a Markdown file. Splitting
 * keeps line numbers: the YAML part comes back padded with empty lines, so a YAML error or a
 * schema problem is reported at the line of the file the author sees.
 */
import type { Text } from '../scenario/text';

/** FrontMatterSplit is a Markdown file cut into its YAML block (padded to keep line numbers) and its body. */
export type FrontMatterSplit =
  | { ok: true; yaml: string; body: string; bodyLine: number }
  | { ok: false; line: number; message: Text };

/** splitFrontMatter cuts `---\nyaml\n---\nbody` into YAML and body; a missing or unclosed block is a located problem. */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const lines = String(text ?? '').replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    return {
      ok: false,
      line: 1,
      message: {
        en: "a lesson text starts with its front matter: a line '---', the fields (title, level, duration, objectives), and another line '---'",
        de: "ein Lektionstext beginnt mit seinem Vorspann: eine Zeile '---', die Felder (title, level, duration, objectives) und noch eine Zeile '---'",
      },
    };
  }
  const close = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (close < 0) {
    return {
      ok: false,
      line: lines.length,
      message: { en: "the front matter is not closed: add a line '---' after its last field", de: "der Vorspann ist nicht abgeschlossen: nach seinem letzten Feld eine Zeile '---' einfügen" },
    };
  }
  // The opening line becomes empty, so line n of `yaml` is line n of the file.
  const yaml = ['', ...lines.slice(1, close)].join('\n') + '\n';
  const body = lines.slice(close + 1).join('\n').replace(/^\s*\n/, '');
  return { ok: true, yaml, body, bodyLine: close + 2 };
}

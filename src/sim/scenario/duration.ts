/**
 * Durations as authors write them (`300s`, `20m`, `1h30m`, `5d`, `250ms`) and as people read them
 * (`1h 30m`; "1 hour and 30 minutes", "1 Stunde und 30 Minuten"). All values are virtual
 * milliseconds.
 */
import type { Lang, Text } from './text';

/** DurationError is what parseDuration returns for input that is not a duration. */
export interface DurationError {
  error: Text;
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Spellings accepted for each unit; the short form is the canonical one. */
const UNIT_ALIASES: Record<string, string> = {
  ms: 'ms', msec: 'ms', millisecond: 'ms', milliseconds: 'ms',
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
  m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  d: 'd', day: 'd', days: 'd',
  w: 'w', week: 'w', weeks: 'w',
};

const PART = /^(\d+(?:\.\d+)?)\s*([a-z]+)\s*/;

function notADuration(shown: string): DurationError {
  return {
    error: {
      en: `${shown} is not a duration: expected a number with a unit, e.g. '300s', '20m', '1h30m' or '5d' (units: ms, s, m, h, d, w)`,
      de: `${shown} ist keine Zeitdauer: erwartet wird eine Zahl mit Einheit, z. B. '300s', '20m', '1h30m' oder '5d' (Einheiten: ms, s, m, h, d, w)`,
    },
  };
}

/**
 * parseDuration reads a duration and returns milliseconds, or a DurationError saying what was
 * expected. A number is taken as milliseconds; a string needs units (`0` alone is allowed).
 */
export function parseDuration(input: string | number): number | DurationError {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0 || input > Number.MAX_SAFE_INTEGER) {
      return {
        error: {
          en: `${input} is not a duration: a number of milliseconds must be 0 or more`,
          de: `${input} ist keine Zeitdauer: eine Zahl von Millisekunden muss 0 oder größer sein`,
        },
      };
    }
    return Math.round(input);
  }
  if (typeof input !== 'string') return notADuration(String(input));
  const shown = `'${input}'`;
  let rest = input.trim();
  if (rest === '0') return 0;
  if (/^\d+(\.\d+)?$/.test(rest)) {
    return {
      error: {
        en: `${shown} has no unit: write e.g. '${rest}s' for seconds or '${rest}m' for minutes`,
        de: `${shown} hat keine Einheit: z. B. '${rest}s' für Sekunden oder '${rest}m' für Minuten schreiben`,
      },
    };
  }
  if (rest === '') return notADuration(shown);
  const seen = new Set<string>();
  let total = 0;
  while (rest !== '') {
    const m = PART.exec(rest);
    const unit = m ? UNIT_ALIASES[m[2]] : undefined;
    if (!m || !unit) return notADuration(shown);
    if (seen.has(unit)) {
      return {
        error: {
          en: `${shown} names the unit '${unit}' twice`,
          de: `${shown} nennt die Einheit '${unit}' zweimal`,
        },
      };
    }
    seen.add(unit);
    total += Number(m[1]) * UNIT_MS[unit];
    rest = rest.slice(m[0].length);
  }
  if (total > Number.MAX_SAFE_INTEGER) return notADuration(shown);
  return Math.round(total);
}

/** isDurationError tells a parseDuration failure from a number of milliseconds. */
export function isDurationError(value: number | DurationError): value is DurationError {
  return typeof value !== 'number';
}

const PARTS: readonly [unit: 'd' | 'h' | 'm' | 's' | 'ms', ms: number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

function split(ms: number): [unit: 'd' | 'h' | 'm' | 's' | 'ms', count: number][] {
  let rest = Math.round(Math.abs(ms));
  const out: [unit: 'd' | 'h' | 'm' | 's' | 'ms', count: number][] = [];
  for (const [unit, size] of PARTS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) out.push([unit, n]);
  }
  return out;
}

/** formatDuration prints milliseconds compactly (`1h 30m`, `5d`, `250ms`, `0s`); parseDuration reads it back. */
export function formatDuration(ms: number): string {
  const parts = split(ms);
  if (parts.length === 0) return '0s';
  return (ms < 0 ? '-' : '') + parts.map(([unit, n]) => `${n}${unit}`).join(' ');
}

const WORDS: Record<Lang, Record<'d' | 'h' | 'm' | 's' | 'ms', [one: string, many: string]>> = {
  en: {
    d: ['day', 'days'],
    h: ['hour', 'hours'],
    m: ['minute', 'minutes'],
    s: ['second', 'seconds'],
    ms: ['millisecond', 'milliseconds'],
  },
  de: {
    d: ['Tag', 'Tage'],
    h: ['Stunde', 'Stunden'],
    m: ['Minute', 'Minuten'],
    s: ['Sekunde', 'Sekunden'],
    ms: ['Millisekunde', 'Millisekunden'],
  },
};

/** formatDurationLong prints milliseconds in words: "1 hour and 30 minutes", "5 Tage". */
export function formatDurationLong(ms: number, lang: Lang): string {
  const parts = split(ms).map(([unit, n]) => `${n} ${WORDS[lang][unit][n === 1 ? 0 : 1]}`);
  if (parts.length === 0) return `0 ${WORDS[lang].s[1]}`;
  const and = lang === 'de' ? 'und' : 'and';
  const sign = ms < 0 ? '-' : '';
  if (parts.length === 1) return sign + parts[0];
  return sign + parts.slice(0, -1).join(', ') + ` ${and} ` + parts[parts.length - 1];
}

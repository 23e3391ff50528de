/**
 * Clock formatting: virtual time as time since the scenario's start and as a date.
 */

/** formatElapsed prints milliseconds since start as `0:00:01.250`, or `2 d 03:04:05` past a day. */
export function formatElapsed(ms: number, dayUnit = 'd'): string {
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(Math.round(ms));
  const days = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const frac = abs % 1000;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  if (days > 0) return `${sign}${days} ${dayUnit} ${pad(h)}:${pad(m)}:${pad(s)}`;
  return `${sign}${h}:${pad(m)}:${pad(s)}.${pad(frac, 3)}`;
}

/** formatDuration prints a span compactly for labels: `250 ms`, `4.2 s`, `5 min`, `3 h`, `2 d`. */
export function formatDuration(ms: number, units = { ms: 'ms', s: 's', min: 'min', h: 'h', d: 'd' }): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)} ${units.ms}`;
  if (abs < 60_000) return `${+(ms / 1000).toFixed(1)} ${units.s}`;
  if (abs < 3_600_000) return `${+(ms / 60_000).toFixed(1)} ${units.min}`;
  if (abs < 86_400_000) return `${+(ms / 3_600_000).toFixed(1)} ${units.h}`;
  return `${+(ms / 86_400_000).toFixed(1)} ${units.d}`;
}

/** formatAbsolute prints the wall date of virtual time `ms` after `epoch`, in UTC, for a locale. */
export function formatAbsolute(epoch: number, ms: number, locale: string): string {
  const d = new Date(epoch + ms);
  if (Number.isNaN(d.getTime())) return '';
  let f = FORMATS.get(locale);
  if (!f) FORMATS.set(locale, (f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })));
  return f.format(d) + ' UTC';
}

// Building a formatter is far slower than using one; the clock formats every frame.
const FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * POP3 command lines (RFC 1939 §3, RFC 2449 §3): a keyword, case-insensitive, then arguments
 * separated by one space. Parsing follows Dovecot: the keyword ends at the first space, spaces
 * before the arguments are skipped, and message numbers and sizes are read strictly (no sign,
 * nothing after them). Nothing here throws; a bad argument is a value the rules answer.
 */

/** POP3_KEYWORDS: every command the simulated server knows (LAST and APOP are refused, as Dovecot does by default). */
export const POP3_KEYWORDS = ['USER', 'PASS', 'AUTH', 'STLS', 'CAPA', 'QUIT', 'STAT', 'LIST', 'RETR', 'DELE', 'NOOP', 'RSET', 'TOP', 'UIDL'] as const;

/** Pop3Keyword: one known command keyword. */
export type Pop3Keyword = (typeof POP3_KEYWORDS)[number];

/** Pop3Command: one parsed command line. */
export interface Pop3Command {
  /** The keyword in upper case, as typed otherwise (`FROBNICATE`). */
  verb: string;
  /** Everything after the keyword, leading spaces skipped (PASS keeps inner and trailing spaces). */
  args: string;
  /** True for a keyword the server knows. */
  known: boolean;
}

/** parsePop3Command splits a command line into its keyword and arguments. */
export function parsePop3Command(line: string): Pop3Command {
  const space = line.indexOf(' ');
  const verb = (space < 0 ? line : line.slice(0, space)).toUpperCase();
  const args = space < 0 ? '' : line.slice(space + 1).replace(/^ +/, '');
  return { verb, args, known: (POP3_KEYWORDS as readonly string[]).includes(verb) };
}

/** NumberArg: a message number or size read from the arguments, or why it could not be read. */
export type NumberArg =
  | { ok: true; value: number; rest: string }
  | { ok: false; problem: 'invalid' | 'too-large' | 'noise'; text: string };

const MAX_NUMBER = 0xffffffff;

/**
 * readNumber reads an unsigned number at the start of `args` as Dovecot's get_msgnum/get_size
 * do: it must start with a digit; with `thenSpace` a space must follow (TOP n lines), without it
 * nothing may follow. `text` is what Dovecot quotes back in its error.
 */
export function readNumber(args: string, thenSpace: boolean): NumberArg {
  if (!/^[0-9]/.test(args)) return { ok: false, problem: 'invalid', text: args };
  const digits = /^[0-9]+/.exec(args)![0];
  const rest = args.slice(digits.length);
  const value = Number(digits);
  if (value > MAX_NUMBER) return { ok: false, problem: 'too-large', text: rest };
  if (thenSpace ? !rest.startsWith(' ') : rest !== '') return { ok: false, problem: 'noise', text: rest };
  return { ok: true, value, rest: rest.replace(/^ +/, '') };
}

/** isPop3Multiline tells whether the answer to a command is a multi-line response when it is +OK (RFC 1939 §3). */
export function isPop3Multiline(command: string): boolean {
  const { verb, args } = parsePop3Command(command);
  if (verb === 'RETR' || verb === 'TOP' || verb === 'CAPA') return true;
  if (verb === 'LIST' || verb === 'UIDL') return args.trim() === '';
  return verb === 'AUTH' && args.trim() === '';
}

/**
 * SMTP command lines (RFC 5321 §4.1) as values: parse what a client sent, format what a client
 * sends. Parsing mirrors Postfix's smtpd, because that is what students meet in real life
 * (shared/REAL-REPLIES.md): verbs in any case, `MAIL FROM: <x>` with a space, bare addresses
 * without brackets, ESMTP parameters kept as written for the server to accept or refuse.
 * A malformed line is never thrown: it is an `SmtpSyntaxError` naming the reply-table entry.
 */
import { octets } from './bytes';
import type { ReplyKey } from './reply-table';

/** SMTP_COMMAND_LINE_MAX: the longest command line RFC 5321 §4.5.3.1.4 promises, CRLF included. */
export const SMTP_COMMAND_LINE_MAX = 512;

/** SMTP_TEXT_LINE_MAX: the longest line of message text RFC 5321 §4.5.3.1.6 promises, CRLF included. */
export const SMTP_TEXT_LINE_MAX = 1000;

/** SMTP_REPLY_LINE_MAX: the longest reply line RFC 5321 §4.5.3.1.5 promises, CRLF included. */
export const SMTP_REPLY_LINE_MAX = 512;

/**
 * POSTFIX_LINE_LENGTH_LIMIT: Postfix's `line_length_limit` (2048). Postfix keeps this much of a
 * longer command line, discards the rest and answers the kept part, with no "line too long" error.
 */
export const POSTFIX_LINE_LENGTH_LIMIT = 2048;

/** EsmtpParams: the ESMTP parameters of MAIL or RCPT (RFC 5321 §4.1.2), keyword as written → value, or `true` when bare. */
export type EsmtpParams = Record<string, string | true>;

/** SmtpCommand: one parsed command line. Verbs are upper case whatever the client wrote (RFC 5321 §2.4). */
export type SmtpCommand =
  | { verb: 'EHLO' | 'HELO'; domain: string }
  | { verb: 'MAIL' | 'RCPT'; address: string; params: EsmtpParams }
  | { verb: 'DATA' | 'RSET' | 'NOOP' | 'QUIT' | 'STARTTLS' }
  | { verb: 'VRFY' | 'EXPN' | 'HELP'; arg: string }
  | { verb: 'AUTH'; mechanism: string; initial?: string };

/** SmtpVerb: the verbs this parser knows. */
export type SmtpVerb = SmtpCommand['verb'];

/** SmtpSyntaxError: a line the server answers with a syntax reply; `replyKey` names the reply-table entry. */
export interface SmtpSyntaxError {
  kind: 'syntax';
  replyKey: ReplyKey;
  vars: Record<string, string>;
}

/** MailAddress: a mailbox from a reverse-path or forward-path, split at its last `@`. */
export interface MailAddress {
  /** The address without brackets or source route; `''` for the null sender `<>`. */
  address: string;
  localPart: string;
  domain: string;
}

const SIMPLE_VERBS = ['DATA', 'RSET', 'NOOP', 'QUIT', 'STARTTLS'] as const;
const ARG_VERBS = ['VRFY', 'EXPN', 'HELP'] as const;
// Specials, controls and spaces may not appear unquoted in a local part or a domain.
const ATOM_TEXT = /^[^\s"(),:;<>@[\\\]\x00-\x1f\x7f]+$/;
const QUOTED = /^"(?:[^"\\\r\n]|\\.)*"$/;
const ADDRESS_LITERAL = /^\[[^[\]\\\s]*\]$/;
// RFC 5321 §4.1.2: A-d-l, a source route, which §C says to accept and ignore.
const SOURCE_ROUTE = /^@[^:,]+(?:,@[^:,]+)*:/;

function syntax(replyKey: ReplyKey, vars: Record<string, string> = {}): SmtpSyntaxError {
  return { kind: 'syntax', replyKey, vars };
}

/** isSyntaxError tells a parse failure from a command. */
export function isSyntaxError(value: SmtpCommand | SmtpSyntaxError): value is SmtpSyntaxError {
  return 'kind' in value;
}

/** lastAtOutsideQuotes finds the `@` that separates local part and domain (a quoted local part may hold `@`). */
function lastAtOutsideQuotes(text: string): number {
  let quoted = false;
  let at = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '\\') i += 1;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === '@') at = i;
  }
  return at;
}

/**
 * parseAddress reads an envelope address, `<bob@example.org>` or bare `bob@example.org`
 * (Postfix accepts both), `<>` for the null sender, `<postmaster>` without a domain
 * (RFC 5321 §4.5.1). A source route (`<@relay:bob@example.org>`) is dropped (RFC 5321 §C).
 * Gives `undefined` for text that is no address: unbalanced brackets or quotes, spaces or
 * specials outside quotes, an empty local part or domain.
 */
export function parseAddress(text: string): MailAddress | undefined {
  let inner = text.trim();
  const bracketed = inner.startsWith('<');
  if (bracketed) {
    if (!inner.endsWith('>')) return undefined;
    inner = inner.slice(1, -1);
  }
  if (inner === '') return bracketed ? { address: '', localPart: '', domain: '' } : undefined;
  inner = inner.replace(SOURCE_ROUTE, '');
  const at = lastAtOutsideQuotes(inner);
  const localPart = at < 0 ? inner : inner.slice(0, at);
  const domain = at < 0 ? '' : inner.slice(at + 1);
  if (!ATOM_TEXT.test(localPart) && !QUOTED.test(localPart)) return undefined;
  if (at >= 0 && !ATOM_TEXT.test(domain) && !ADDRESS_LITERAL.test(domain)) return undefined;
  return { address: inner, localPart, domain };
}

/** domainOf gives the domain of an address in lower case (domains ignore case, RFC 5321 §2.4); '' when none. */
export function domainOf(address: string): string {
  const a = address.trim().replace(/^<|>$/g, '');
  const at = lastAtOutsideQuotes(a);
  return at < 0 ? '' : a.slice(at + 1).toLowerCase();
}

/** localPartOf gives the local part of an address as written (it may be case-sensitive, RFC 5321 §2.4). */
export function localPartOf(address: string): string {
  const a = address.trim().replace(/^<|>$/g, '');
  const at = lastAtOutsideQuotes(a);
  return at < 0 ? a : a.slice(0, at);
}

/**
 * clampCommandLine keeps the first 2048 octets of a command line, as Postfix does with its
 * line_length_limit: the rest is thrown away and the session stays in sync (no error reply).
 * The cut falls on a character boundary. RFC 5321 §4.5.3.1.4 only promises 512 octets.
 */
export function clampCommandLine(line: string, limit = POSTFIX_LINE_LENGTH_LIMIT): string {
  if (line.length * 3 <= limit || octets(line) <= limit) return line;
  let used = 0;
  let end = 0;
  for (const ch of line) {
    const n = octets(ch);
    if (used + n > limit) break;
    used += n;
    end += ch.length;
  }
  return line.slice(0, end);
}

/**
 * frameLines splits a chunk of received text into lines, carrying an unfinished line over in
 * `pending`. CRLF ends a line (RFC 5321 §2.3.8); a bare LF is accepted too, as Postfix accepts it.
 */
export function frameLines(pending: string, chunk: string): { lines: string[]; pending: string } {
  const parts = (pending + chunk).split('\n');
  const rest = parts.pop() ?? '';
  return { lines: parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)), pending: rest };
}

/** splitPathAndParams cuts `<addr> K=V ...` (or a bare address) into the path and parameter tokens. */
function splitPathAndParams(text: string): { path: string; params: string[] } | undefined {
  let end = -1;
  let quoted = false;
  if (text.startsWith('<')) {
    for (let i = 1; i < text.length; i++) {
      const c = text[i];
      if (quoted && c === '\\') i += 1;
      else if (c === '"') quoted = !quoted;
      else if (!quoted && c === '>') {
        end = i + 1;
        break;
      }
    }
    if (end < 0) return undefined;
    if (end < text.length && !/\s/.test(text[end])) return undefined;
  } else {
    end = text.length;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted && c === '\\') i += 1;
      else if (c === '"') quoted = !quoted;
      else if (!quoted && /\s/.test(c)) {
        end = i;
        break;
      }
    }
  }
  const params = text.slice(end).trim().split(/\s+/).filter((p) => p !== '');
  return { path: text.slice(0, end), params };
}

function parseParams(tokens: readonly string[]): EsmtpParams {
  const params: EsmtpParams = {};
  for (const token of tokens) {
    const eq = token.indexOf('=');
    if (eq < 0) params[token] = true;
    else params[token.slice(0, eq)] = token.slice(eq + 1);
  }
  return params;
}

function parseMailOrRcpt(verb: 'MAIL' | 'RCPT', rest: string): SmtpCommand | SmtpSyntaxError {
  const keyword = verb === 'MAIL' ? 'FROM:' : 'TO:';
  // Postfix wants the keyword and colon together; a space after the colon is tolerated.
  if (rest.slice(0, keyword.length).toUpperCase() !== keyword) return syntax(verb === 'MAIL' ? 'syntax.mail' : 'syntax.rcpt');
  const after = rest.slice(keyword.length).trim();
  if (after === '') return syntax(verb === 'MAIL' ? 'syntax.mail' : 'syntax.rcpt');
  const split = splitPathAndParams(after);
  const parsed = split && parseAddress(split.path);
  if (verb === 'MAIL') {
    // RFC 5321 §4.1.1.2: `<>` is the null reverse-path, used by bounces.
    if (!split || !parsed) return syntax('syntax.sender-address');
    return { verb, address: parsed.address, params: parseParams(split.params) };
  }
  // RFC 5321 §4.1.1.3: a forward-path is never null.
  if (!split || !parsed || parsed.address === '') return syntax('syntax.recipient-address');
  return { verb, address: parsed.address, params: parseParams(split.params) };
}

/** hasBadText tells whether a decoded line shows undecodable octets (U+FFFD) or lone surrogates. */
function hasBadText(line: string): boolean {
  return line.includes('\ufffd') || /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(line);
}

/**
 * parseSmtpCommand reads one command line (CRLF optional) the way Postfix reads it. Verbs ignore
 * case (RFC 5321 §2.4). MAIL and RCPT keep their ESMTP parameters as written, unknown ones too,
 * so the server can refuse them with `555 5.5.4 Unsupported option: X` (see `rejectEsmtpParams`);
 * `MAIL FROM:bad syntax` thus yields the address `bad` and the parameter `syntax`, as in Postfix.
 * Text that arrived as bad UTF-8 (shown as U+FFFD) gives `500 5.5.2 Error: bad UTF-8 syntax`.
 */
export function parseSmtpCommand(line: string): SmtpCommand | SmtpSyntaxError {
  const text = line.replace(/\r?\n$/, '').replace(/\r$/, '');
  if (hasBadText(text)) return syntax('syntax.bad-utf8');
  const trimmed = text.trim();
  if (trimmed === '') return syntax('syntax.empty');
  const space = trimmed.search(/\s/);
  const verb = (space < 0 ? trimmed : trimmed.slice(0, space)).toUpperCase();
  const rest = space < 0 ? '' : trimmed.slice(space).trim();
  const args = rest === '' ? [] : rest.split(/\s+/);
  switch (verb) {
    case 'EHLO':
    case 'HELO':
      // Postfix joins several words into one name; none at all is a syntax error without enhanced code.
      if (args.length === 0) return syntax(verb === 'EHLO' ? 'syntax.ehlo' : 'syntax.helo');
      return { verb, domain: args.join(' ') };
    case 'MAIL':
    case 'RCPT':
      return parseMailOrRcpt(verb, rest);
    case 'AUTH':
      if (args.length < 1 || args.length > 2) return syntax('syntax.auth');
      return args.length === 2 ? { verb, mechanism: args[0].toUpperCase(), initial: args[1] } : { verb, mechanism: args[0].toUpperCase() };
    case 'DATA':
    case 'RSET':
    case 'STARTTLS':
      if (args.length > 0) return syntax(`syntax.${verb.toLowerCase() as 'data' | 'rset' | 'starttls'}`);
      return { verb };
    case 'NOOP':
    case 'QUIT':
      // RFC 5321 §4.1.1.9: NOOP may carry a string, which is ignored; Postfix ignores QUIT's too.
      return { verb };
    case 'VRFY':
      if (args.length === 0) return syntax('syntax.vrfy');
      return { verb, arg: args.join(' ') };
    case 'EXPN':
    case 'HELP':
      return { verb, arg: args.join(' ') };
    default:
      return syntax('unknown-command');
  }
}

/** SMTP_VERBS lists every verb the parser understands, in RFC 5321 order. */
export const SMTP_VERBS: readonly SmtpVerb[] = ['EHLO', 'HELO', 'MAIL', 'RCPT', ...SIMPLE_VERBS, ...ARG_VERBS, 'AUTH'];

function formatParams(params: EsmtpParams): string {
  return Object.entries(params).map(([k, v]) => (v === true ? ` ${k}` : ` ${k}=${v}`)).join('');
}

/**
 * formatSmtpCommand writes the line a client sends, without CRLF: `MAIL FROM:<a@b> SIZE=123`,
 * `RCPT TO:<b@c>`, `AUTH PLAIN <base64>` (an empty initial response is sent as `=`, RFC 4954 §4).
 */
export function formatSmtpCommand(cmd: SmtpCommand): string {
  switch (cmd.verb) {
    case 'EHLO':
    case 'HELO':
      return `${cmd.verb} ${cmd.domain}`;
    case 'MAIL':
      return `MAIL FROM:<${cmd.address}>${formatParams(cmd.params)}`;
    case 'RCPT':
      return `RCPT TO:<${cmd.address}>${formatParams(cmd.params)}`;
    case 'AUTH':
      if (cmd.initial === undefined) return `AUTH ${cmd.mechanism}`;
      return `AUTH ${cmd.mechanism} ${cmd.initial === '' ? '=' : cmd.initial}`;
    case 'VRFY':
    case 'EXPN':
    case 'HELP':
      return cmd.arg === '' ? cmd.verb : `${cmd.verb} ${cmd.arg}`;
    default:
      return cmd.verb;
  }
}

/** esmtpParam looks a parameter up ignoring the keyword's case (RFC 5321 §2.4): `esmtpParam(p, 'SIZE')`. */
export function esmtpParam(params: EsmtpParams, keyword: string): string | true | undefined {
  const want = keyword.toUpperCase();
  for (const [k, v] of Object.entries(params)) if (k.toUpperCase() === want) return v;
  return undefined;
}

/** declaredSize reads MAIL's `SIZE=` (RFC 1870 §6); `undefined` when absent or not a number. */
export function declaredSize(params: EsmtpParams): number | undefined {
  const v = esmtpParam(params, 'SIZE');
  return typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
}

/**
 * rejectEsmtpParams checks MAIL or RCPT parameters the way Postfix's smtpd does and gives the
 * refusal, or `undefined` when all are fine. `offered` lists the EHLO keywords the server
 * announced (`SIZE`, `8BITMIME`, `SMTPUTF8`, `DSN`, `AUTH`). MAIL: BODY=7BIT|8BITMIME
 * (RFC 6152), SIZE=digits (RFC 1870), SMTPUTF8 (RFC 6531), AUTH= (RFC 4954 §5), RET=/ENVID=
 * with DSN (RFC 3461); RCPT: NOTIFY=/ORCPT= with DSN. Anything else is `555 5.5.4 Unsupported
 * option: <as written>`. Comparing SIZE with the limit is the server's job (`declaredSize`).
 */
export function rejectEsmtpParams(verb: 'MAIL' | 'RCPT', params: EsmtpParams, offered: readonly string[]): SmtpSyntaxError | undefined {
  const has = (kw: string) => offered.some((o) => o.trim().split(/\s+/)[0].toUpperCase() === kw);
  for (const [k, v] of Object.entries(params)) {
    const key = k.toUpperCase();
    const option = v === true ? k : `${k}=${v}`;
    if (verb === 'MAIL' && key === 'BODY' && typeof v === 'string') {
      if (!/^(7BIT|8BITMIME)$/i.test(v)) return syntax('syntax.bad-body');
    } else if (verb === 'MAIL' && key === 'SIZE' && typeof v === 'string') {
      if (!/^\d+$/.test(v)) return syntax('syntax.bad-size');
    } else if (verb === 'MAIL' && key === 'SMTPUTF8' && v === true && has('SMTPUTF8')) {
      continue;
    } else if (verb === 'MAIL' && key === 'AUTH' && typeof v === 'string' && has('AUTH')) {
      continue;
    } else if (verb === 'MAIL' && (key === 'RET' || key === 'ENVID') && typeof v === 'string' && has('DSN')) {
      continue;
    } else if (verb === 'RCPT' && (key === 'NOTIFY' || key === 'ORCPT') && typeof v === 'string' && has('DSN')) {
      continue;
    } else {
      return syntax('syntax.unsupported-option', { option });
    }
  }
  return undefined;
}

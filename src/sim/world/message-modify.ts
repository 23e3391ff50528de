/**
 * What a hop may do to a message it passes on — a mailing list tags the subject and appends a
 * footer, a virus scanner adds "scanned" lines, a sloppy gateway pads white space — and why that
 * matters: DKIM (RFC 6376) seals the body hash and the signed header fields, so a footer or a
 * rewritten Subject breaks the signature, while white space changes survive `relaxed`
 * canonicalisation (RFC 6376 §3.4.2, §3.4.4).
 */
import { splitMessage } from '../protocol/message';

/** TransitChanges: the changes a relay or list host makes to every message it passes on. */
export interface TransitChanges {
  /** Text appended to the body (a list footer, a virus scanner's note). */
  footer?: string;
  /** A tag put in front of the Subject, e.g. `[team]`. */
  subjectTag?: string;
  /** Pad white space: trailing blanks on body lines, doubled blanks inside them, a blank after `Subject:`. */
  whitespace?: boolean;
}

/** hasChanges tells whether a set of changes would change anything. */
export function hasChanges(c: TransitChanges | undefined): c is TransitChanges {
  return !!c && (!!c.footer || !!c.subjectTag || !!c.whitespace);
}

/** describeChanges says in words what a hop changed, for the trace. */
export function describeChanges(c: TransitChanges): string {
  const parts: string[] = [];
  if (c.subjectTag) parts.push(`subject tagged "${c.subjectTag}"`);
  if (c.footer) parts.push(`footer appended ("${c.footer.split(/\r?\n/)[0]}")`);
  if (c.whitespace) parts.push('white space padded');
  return parts.join(', ');
}

/**
 * modifyInTransit applies the changes to a raw message (CRLF lines) and returns the new text.
 * The header section is left alone except for the Subject field; DKIM-Signature fields are
 * never touched.
 */
export function modifyInTransit(raw: string, c: TransitChanges): string {
  const { header, body } = splitMessage(raw);
  let head = header;
  let text = body;
  if (c.subjectTag) {
    const tag = c.subjectTag.trim();
    head = head.replace(/^Subject:[ \t]*/im, (m) => `${m.replace(/[ \t]*$/, ' ')}${tag} `);
  }
  if (c.whitespace) {
    head = head.replace(/^Subject:[ \t]*/im, 'Subject:  ');
    // Relaxed body canonicalisation reduces runs of blanks to one and drops them at line ends.
    text = text.split('\r\n').map((line) => (line === '' ? line : `${line.replace(/ /g, '  ')} \t`)).join('\r\n');
  }
  if (c.footer) {
    const footer = c.footer.replace(/\r?\n/g, '\r\n').replace(/(\r\n)?$/, '\r\n');
    const sep = text === '' || text.endsWith('\r\n') ? '' : '\r\n';
    text = `${text}${sep}${footer}`;
  }
  return `${head.endsWith('\r\n') ? head : head + '\r\n'}\r\n${text}`;
}

/**
 * MIME structure (RFC 2045 §5, RFC 2046 §5.1): a message cut into its entities — content type
 * and parameters, multipart bodies split at their boundary, an attached message/rfc822 opened
 * up — as IMAP's BODYSTRUCTURE and numbered body sections need it (RFC 9051 §6.4.5).
 * Malformed input never throws: a multipart without its boundary is read as one opaque part.
 */
import { getHeader, splitMessage } from './message';

/** MimeEntity: one entity: its header section, body and, for containers, its children. */
export interface MimeEntity {
  /** The header section, each field ending CRLF; '' when there is none. */
  header: string;
  body: string;
  /** Lower-case media type and subtype (`text`, `plain`). */
  type: string;
  subtype: string;
  /** Content-Type parameters in order, names lower case. */
  params: [string, string][];
  /** Children of a multipart entity. */
  parts: MimeEntity[];
  /** The message inside a message/rfc822 entity. */
  message?: MimeEntity;
}

/** parseContentType reads `text/plain; charset="utf-8"`; a missing or broken value gives the default. */
export function parseContentType(value: string | undefined, fallback = 'text/plain'): { type: string; subtype: string; params: [string, string][] } {
  const text = value ?? fallback;
  const m = /^\s*([^\s/;]+)\s*\/\s*([^\s;]+)\s*(.*)$/s.exec(text);
  if (!m) return parseContentType(fallback);
  const params: [string, string][] = [];
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]*))/g;
  let p: RegExpExecArray | null;
  while ((p = re.exec(m[3]))) params.push([p[1].toLowerCase(), p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3]]);
  return { type: m[1].toLowerCase(), subtype: m[2].toLowerCase(), params };
}

/** parseMimeEntity reads a message or body part; `fallback` is the type without a Content-Type (RFC 2046 §5.1.5). */
export function parseMimeEntity(raw: string, fallback = 'text/plain', depth = 0): MimeEntity {
  const { header, body } = splitMessage(raw);
  const ct = parseContentType(getHeader(header, 'Content-Type'), fallback);
  const entity: MimeEntity = { header, body, ...ct, parts: [] };
  if (depth > 10) return entity;
  if (ct.type === 'multipart') {
    const boundary = ct.params.find(([k]) => k === 'boundary')?.[1];
    if (boundary) entity.parts = splitMultipart(body, boundary).map((p) => parseMimeEntity(p, ct.subtype === 'digest' ? 'message/rfc822' : 'text/plain', depth + 1));
  } else if (ct.type === 'message' && ct.subtype === 'rfc822') {
    entity.message = parseMimeEntity(body, 'text/plain', depth + 1);
  }
  return entity;
}

/** splitMultipart cuts a multipart body at `--boundary` lines, dropping preamble and epilogue (RFC 2046 §5.1.1). */
export function splitMultipart(body: string, boundary: string): string[] {
  const lines = body.split('\r\n');
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}--`) {
      if (current) parts.push(current.join('\r\n'));
      return parts;
    }
    if (trimmed === `--${boundary}`) {
      if (current) parts.push(current.join('\r\n'));
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

/**
 * mimePart finds a numbered part (RFC 9051 §6.4.5): `[1, 2]` is the second child of the first.
 * A single-part entity is its own part 1; a message/rfc822 part's numbers continue inside it.
 */
export function mimePart(root: MimeEntity, path: readonly number[]): MimeEntity | undefined {
  let entity: MimeEntity | undefined = root;
  for (const n of path) {
    if (!entity) return undefined;
    const container: MimeEntity = entity.message ?? entity;
    if (container.parts.length) entity = container.parts[n - 1];
    else entity = n === 1 ? container : undefined;
  }
  return entity;
}

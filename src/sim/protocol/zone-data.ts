/**
 * Record data in zone files: reads the RDATA tokens after the type (RFC 1035 §5.1, §3.3) into the
 * parsed data of a DnsRecord, or says in plain words what is wrong and where.
 */

import type { DnsRecord, DnsType } from './dns-record';
import { formatIPv4, formatIPv6, isIPv4, isIPv6, parseIPv4, parseIPv6 } from './ip';
import type { ZoneToken } from './zone-lexer';

type Text = { en: string; de: string };

/** DataContext gives the data readers the current origin, a name reader that reports its own errors, and a warning sink. */
export interface DataContext {
  origin: string;
  /** readName resolves a name token against the origin; it reports a problem itself and then gives undefined. */
  readName: (token: ZoneToken) => string | undefined;
  warn: (line: number, column: number, text: Text) => void;
}

/** DataResult is the parsed data, or a located problem (`problem` absent when it was already reported). */
export type DataResult = { data: DnsRecord['data'] } | { problem?: Text; line: number; column: number };

/**
 * parseTtl reads a TTL in seconds (`3600`) or with BIND's units (`1h`, `1d`, `1w`, `1h30m`).
 * RFC 2181 §8: at most 2147483647. Gives `undefined` for anything else.
 */
export function parseTtl(text: string): number | undefined {
  if (/^[0-9]+$/.test(text)) {
    const n = Number(text);
    return n <= 2147483647 ? n : undefined;
  }
  if (!/^(?:[0-9]+[wdhms])+$/i.test(text)) return undefined;
  const unit: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
  let total = 0;
  for (const m of text.matchAll(/([0-9]+)([wdhms])/gi)) total += Number(m[1]) * unit[m[2].toLowerCase()];
  return total <= 2147483647 ? total : undefined;
}

const at = (token: ZoneToken, problem: Text): DataResult => ({ problem, line: token.line, column: token.column });
const after = (token: ZoneToken, problem: Text): DataResult => ({ problem, line: token.line, column: token.end });

function extra(type: DnsType, token: ZoneToken | undefined, what: Text): DataResult | undefined {
  if (!token) return undefined;
  return at(token, { en: `a ${type} record holds ${what.en}; remove '${token.raw}' (put each value in a record of its own)`, de: `ein ${type}-Eintrag enthält ${what.de}; entferne '${token.raw}' (jeder Wert kommt in einen eigenen Eintrag)` });
}

function address(type: 'A' | 'AAAA', tokens: ZoneToken[], typeToken: ZoneToken): DataResult {
  const [token, more] = tokens;
  const example = type === 'A' ? '192.0.2.1' : '2001:db8::1';
  const kind = type === 'A' ? 'IPv4' : 'IPv6';
  if (!token) return after(typeToken, { en: `an ${type} record needs an ${kind} address, such as ${example}`, de: `ein ${type}-Eintrag braucht eine ${kind}-Adresse, etwa ${example}` });
  if (type === 'A' && !isIPv4(token.text)) {
    if (isIPv6(token.text)) return at(token, { en: `${token.raw} is an IPv6 address: put it in an AAAA record`, de: `${token.raw} ist eine IPv6-Adresse: sie gehört in einen AAAA-Eintrag` });
    return at(token, { en: `'${token.raw}' is not an IPv4 address: write four numbers from 0 to 255 separated by dots, like 192.0.2.1`, de: `'${token.raw}' ist keine IPv4-Adresse: schreibe vier Zahlen von 0 bis 255, getrennt durch Punkte, etwa 192.0.2.1` });
  }
  if (type === 'AAAA' && !isIPv6(token.text)) {
    if (isIPv4(token.text)) return at(token, { en: `${token.raw} is an IPv4 address: put it in an A record`, de: `${token.raw} ist eine IPv4-Adresse: sie gehört in einen A-Eintrag` });
    return at(token, { en: `'${token.raw}' is not an IPv6 address: write groups of hex digits separated by colons, like 2001:db8::1`, de: `'${token.raw}' ist keine IPv6-Adresse: schreibe Gruppen aus Hex-Ziffern, getrennt durch Doppelpunkte, etwa 2001:db8::1` });
  }
  const bad = extra(type, more, { en: 'exactly one address', de: 'genau eine Adresse' });
  if (bad) return bad;
  const text = type === 'A' ? formatIPv4(parseIPv4(token.text) ?? []) : formatIPv6(parseIPv6(token.text) ?? []);
  return { data: { address: text ?? token.text } };
}

/** hostName reads a name that must denote a host (MX exchange, CNAME/PTR/NS target), refusing IP addresses. */
function hostName(type: DnsType, token: ZoneToken, ctx: DataContext): string | DataResult {
  if (isIPv4(token.text) || isIPv6(token.text)) {
    return at(token, { en: `a ${type} record must name a host, not an IP address: give the host an A record and write its name here`, de: `ein ${type}-Eintrag muss einen Host benennen, keine IP-Adresse: gib dem Host einen A-Eintrag und schreibe hier seinen Namen` });
  }
  const name = ctx.readName(token);
  return name === undefined ? { line: token.line, column: token.column } : name;
}

function mx(tokens: ZoneToken[], typeToken: ZoneToken, ctx: DataContext): DataResult {
  const [pref, exchange, more] = tokens;
  if (!pref) return after(typeToken, { en: "an MX record needs a preference number and the mail server's name, like MX 10 mx1.example.org.", de: 'ein MX-Eintrag braucht eine Präferenzzahl und den Namen des Mailservers, etwa MX 10 mx1.example.org.' });
  if (!/^[0-9]+$/.test(pref.text)) {
    return at(pref, { en: "an MX record needs a preference number before the mail server's name, like MX 10 mx1.example.org. (lower numbers are tried first)", de: 'ein MX-Eintrag braucht vor dem Namen des Mailservers eine Präferenzzahl, etwa MX 10 mx1.example.org. (kleinere Zahlen werden zuerst versucht)' });
  }
  const preference = Number(pref.text);
  if (preference > 65535) return at(pref, { en: `the MX preference must be between 0 and 65535, not ${pref.raw}`, de: `die MX-Präferenz muss zwischen 0 und 65535 liegen, nicht ${pref.raw}` });
  if (!exchange) return after(pref, { en: "an MX record needs the mail server's name after the preference number", de: 'ein MX-Eintrag braucht nach der Präferenzzahl den Namen des Mailservers' });
  const name = hostName('MX', exchange, ctx);
  if (typeof name !== 'string') return name;
  return extra('MX', more, { en: 'one preference and one server name', de: 'eine Präferenz und einen Servernamen' }) ?? { data: { preference, exchange: name } };
}

function target(type: 'CNAME' | 'PTR' | 'NS', tokens: ZoneToken[], typeToken: ZoneToken, ctx: DataContext): DataResult {
  const [token, more] = tokens;
  const what = { CNAME: { en: 'the name it is an alias of', de: 'den Namen, dessen Alias er ist' }, PTR: { en: 'the host name the address belongs to', de: 'den Hostnamen, zu dem die Adresse gehört' }, NS: { en: "the name server's name", de: 'den Namen des Nameservers' } }[type];
  if (!token) return after(typeToken, { en: `a ${type} record needs ${what.en}`, de: `ein ${type}-Eintrag braucht ${what.de}` });
  const name = hostName(type, token, ctx);
  if (typeof name !== 'string') return name;
  return extra(type, more, { en: 'exactly one name', de: 'genau einen Namen' }) ?? { data: { target: name } };
}

function txt(tokens: ZoneToken[], typeToken: ZoneToken, ctx: DataContext): DataResult {
  if (tokens.length === 0) return after(typeToken, { en: 'a TXT record needs text, written in quotes: TXT "v=spf1 -all"', de: 'ein TXT-Eintrag braucht Text in Anführungszeichen: TXT "v=spf1 -all"' });
  for (const t of tokens) {
    // RFC 1035 §3.3: a <character-string> is at most 255 octets.
    if (t.octets > 255) {
      return at(t, { en: `this TXT string is ${t.octets} bytes long, but one string holds at most 255: split it into several quoted strings ("first part" "second part"), which are joined without spaces`, de: `dieser TXT-Text ist ${t.octets} Bytes lang, ein einzelner Text fasst aber höchstens 255: teile ihn in mehrere Texte in Anführungszeichen ("erster Teil" "zweiter Teil"), die ohne Leerzeichen zusammengefügt werden` });
    }
  }
  if (tokens.length > 1 && tokens.some((t) => !t.quoted)) {
    const joined = tokens.map((t) => t.text).join('');
    ctx.warn(tokens[0].line, tokens[0].column, { en: `these words become separate strings that are joined without spaces ("${joined}"); put the whole text in one pair of quotes`, de: `diese Wörter werden zu einzelnen Texten, die ohne Leerzeichen zusammengefügt werden ("${joined}"); setze den ganzen Text in ein Paar Anführungszeichen` });
  }
  return { data: { strings: tokens.map((t) => t.text) } };
}

function soa(tokens: ZoneToken[], typeToken: ZoneToken, ctx: DataContext): DataResult {
  const fields = ['mname', 'rname', 'serial', 'refresh', 'retry', 'expire', 'minimum'];
  if (tokens.length < 7) {
    const last = tokens[tokens.length - 1] ?? typeToken;
    return after(last, { en: `an SOA record needs 7 values (primary server, contact, serial, refresh, retry, expire, minimum); ${tokens.length} found. Use ( … ) to spread them over lines`, de: `ein SOA-Eintrag braucht 7 Werte (primärer Server, Kontakt, Seriennummer, Refresh, Retry, Expire, Minimum); gefunden: ${tokens.length}. Mit ( … ) lassen sie sich auf mehrere Zeilen verteilen` });
  }
  if (tokens[7]) return at(tokens[7], { en: `an SOA record has exactly 7 values; remove '${tokens[7].raw}'`, de: `ein SOA-Eintrag hat genau 7 Werte; entferne '${tokens[7].raw}'` });
  if (tokens[1].text.includes('@')) {
    return at(tokens[1], { en: `the contact address is written as a name, with a dot instead of @: ${tokens[1].raw.replace('@', '.')}.`, de: `die Kontaktadresse wird als Name geschrieben, mit Punkt statt @: ${tokens[1].raw.replace('@', '.')}.` });
  }
  const mname = ctx.readName(tokens[0]);
  const rname = ctx.readName(tokens[1]);
  if (mname === undefined || rname === undefined) return { line: tokens[0].line, column: tokens[0].column };
  const numbers: number[] = [];
  for (let k = 2; k < 7; k++) {
    const t = tokens[k];
    const n = k === 2 ? (/^[0-9]+$/.test(t.text) && Number(t.text) <= 4294967295 ? Number(t.text) : undefined) : parseTtl(t.text);
    if (n === undefined) {
      return at(t, k === 2
        ? { en: `the serial must be a whole number from 0 to 4294967295, often the date like 2024010101, not '${t.raw}'`, de: `die Seriennummer muss eine ganze Zahl von 0 bis 4294967295 sein, oft das Datum wie 2024010101, nicht '${t.raw}'` }
        : { en: `the SOA ${fields[k]} value must be a time in seconds or with units (1h, 1d), not '${t.raw}'`, de: `der SOA-Wert ${fields[k]} muss eine Zeit in Sekunden oder mit Einheit (1h, 1d) sein, nicht '${t.raw}'` });
    }
    numbers.push(n);
  }
  const [serial, refresh, retry, expire, minimum] = numbers;
  return { data: { mname, rname, serial, refresh, retry, expire, minimum } };
}

/** parseRecordData reads the RDATA tokens of one record of the given type. */
export function parseRecordData(type: DnsType, tokens: ZoneToken[], typeToken: ZoneToken, ctx: DataContext): DataResult {
  switch (type) {
    case 'A':
    case 'AAAA':
      return address(type, tokens, typeToken);
    case 'MX':
      return mx(tokens, typeToken, ctx);
    case 'TXT':
      return txt(tokens, typeToken, ctx);
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return target(type, tokens, typeToken, ctx);
    case 'SOA':
      return soa(tokens, typeToken, ctx);
  }
}

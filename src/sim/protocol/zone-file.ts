/**
 * Zone files (RFC 1035 §5 master-file format, with the `$TTL` of RFC 2308 §4 and BIND's TTL units):
 * `parseZone` reads the text a student writes in the DNS editor into records and located,
 * plain-language errors in English and German; `printZone` writes records back as a zone file
 * that parses to the same records.
 */

import { absoluteName, DNS_TYPES, isDnsType, nameProblem, normalizeName, recordDataText, sameRecord, type DnsRecord, type DnsType } from './dns-record';
import { lexZone, type ZoneEntry, type ZoneToken } from './zone-lexer';
import { parseRecordData, parseTtl, type DataContext } from './zone-data';

export { parseTtl } from './zone-data';

/** ZoneError is a problem in a zone file: where it is and what to do, in English and German. */
export interface ZoneError {
  file?: string;
  line: number;
  column: number;
  /** The whole message including its position (`line 3, column 12: …`). */
  message: { en: string; de: string };
}

/** ZoneParseResult holds the records read and the problems found; `warnings` do not stop a record. */
export interface ZoneParseResult {
  records: DnsRecord[];
  errors: ZoneError[];
  warnings: ZoneError[];
}

/** DEFAULT_TTL is the TTL used when a zone gives none at all (no `$TTL`, no earlier TTL, no SOA). */
export const DEFAULT_TTL = 3600;

type Text = { en: string; de: string };

const UNSUPPORTED_TYPES = new Set(['SRV', 'CAA', 'SPF', 'DS', 'DNSKEY', 'RRSIG', 'NSEC', 'NSEC3', 'TLSA', 'HINFO', 'NAPTR', 'SSHFP', 'DNAME', 'HTTPS', 'SVCB', 'LOC', 'RP', 'AFSDB', 'CERT', 'OPENPGPKEY', 'SMIMEA', 'URI']);
const OTHER_CLASSES = new Set(['CH', 'HS', 'CS', 'ANY', 'NONE']);

/**
 * parseZone reads zone-file text for the zone `origin` (`example.org`). It understands `$ORIGIN`,
 * `$TTL`, `@`, relative and absolute names, an omitted owner, optional TTL and class in either
 * order, `( … )` groups, comments and quoted strings. It never throws: every problem becomes a
 * ZoneError, and the records that could be read are returned.
 */
export function parseZone(text: string, origin: string, file?: string): ZoneParseResult {
  const errors: ZoneError[] = [];
  const warnings: ZoneError[] = [];
  const where = (line: number, column: number, t: Text): ZoneError => {
    const prefix = file ? `${file}, ` : '';
    return { ...(file !== undefined ? { file } : {}), line, column, message: { en: `${prefix}line ${line}, column ${column}: ${t.en}`, de: `${prefix}Zeile ${line}, Spalte ${column}: ${t.de}` } };
  };
  const fail = (line: number, column: number, t: Text) => errors.push(where(line, column, t));
  const warn = (line: number, column: number, t: Text) => warnings.push(where(line, column, t));

  const apex = normalizeName(String(origin ?? ''));
  let current = apex;
  let ttlDirective: number | undefined;
  let lastTtl: number | undefined;
  let soaMinimum: number | undefined;
  let lastOwner: string | undefined;
  const placed: { record: DnsRecord; line: number; column: number }[] = [];

  const resolveName = (token: ZoneToken): string | undefined => {
    const r = readName(token, current);
    if ('problem' in r) {
      fail(token.line, token.column, r.problem);
      return undefined;
    }
    if (r.suspicious) warn(token.line, token.column, relativeWarning(token.text, r.name));
    return r.name;
  };

  for (const entry of lexZone(text, (p) => fail(p.line, p.column, p.text))) {
    const tokens = entry.tokens;
    if (!entry.ownerOmitted && tokens[0].text.startsWith('$') && !tokens[0].quoted) {
      const d = directive(entry, current, fail);
      if (d.origin !== undefined) current = d.origin;
      if (d.ttl !== undefined) ttlDirective = d.ttl;
      continue;
    }
    let owner: string | undefined;
    let k = 0;
    if (entry.ownerOmitted) {
      owner = lastOwner;
      if (owner === undefined) {
        fail(entry.line, tokens[0].column, { en: 'this line starts with a space, so it would repeat the name of the record before it, but there is none: write the name (or @) at the very start of the line', de: 'diese Zeile beginnt mit einem Leerzeichen und würde daher den Namen des vorigen Eintrags übernehmen, aber es gibt keinen: schreibe den Namen (oder @) ganz an den Zeilenanfang' });
        continue;
      }
    } else {
      owner = resolveName(tokens[0]);
      k = 1;
      if (owner === undefined) continue;
    }
    lastOwner = owner;

    // RFC 1035 §5.1: <owner> [<TTL>] [<class>] <type> <RDATA>, TTL and class in either order.
    let ttl: number | undefined;
    let classSeen = false;
    let bad = false;
    while (k < tokens.length && k < (entry.ownerOmitted ? 2 : 3)) {
      const t = tokens[k];
      if (/^[0-9]/.test(t.text) && ttl === undefined) {
        ttl = parseTtl(t.text);
        if (ttl === undefined) {
          fail(t.line, t.column, { en: `'${t.raw}' is not a TTL: write seconds (3600) or use units such as 30m, 1h, 1d or 1w`, de: `'${t.raw}' ist keine TTL: schreibe Sekunden (3600) oder nutze Einheiten wie 30m, 1h, 1d oder 1w` });
          bad = true;
        }
        k++;
      } else if (!classSeen && t.text.toUpperCase() === 'IN') {
        classSeen = true;
        k++;
      } else if (!classSeen && OTHER_CLASSES.has(t.text.toUpperCase())) {
        fail(t.line, t.column, { en: `the class ${t.text.toUpperCase()} is not simulated: internet records use IN`, de: `die Klasse ${t.text.toUpperCase()} wird nicht simuliert: Internet-Einträge nutzen IN` });
        bad = true;
        classSeen = true;
        k++;
      } else {
        break;
      }
    }
    if (bad) continue;
    const typeToken = tokens[k];
    if (!typeToken) {
      const last = tokens[tokens.length - 1];
      fail(last.line, last.end, { en: `the record type is missing: after the name come an optional TTL and class, then the type (${DNS_TYPES.join(', ')})`, de: `der Eintragstyp fehlt: nach dem Namen folgen optional TTL und Klasse, dann der Typ (${DNS_TYPES.join(', ')})` });
      continue;
    }
    const type = typeToken.text.toUpperCase();
    if (!isDnsType(type)) {
      fail(typeToken.line, typeToken.column, typeProblem(typeToken, entry));
      continue;
    }
    const ctx: DataContext = { origin: current, readName: resolveName, warn };
    const data = parseRecordData(type, tokens.slice(k + 1), typeToken, ctx);
    if (!('data' in data)) {
      if (data.problem) fail(data.line, data.column, data.problem);
      continue;
    }
    if (ttl !== undefined) lastTtl = ttl;
    // RFC 2308 §4: $TTL gives the default; without it, BIND keeps the last TTL, then uses the SOA minimum.
    const ownMinimum = 'minimum' in data.data ? data.data.minimum : undefined;
    const effectiveTtl = ttl ?? ttlDirective ?? lastTtl ?? soaMinimum ?? ownMinimum ?? DEFAULT_TTL;
    const record = { name: owner, ttl: effectiveTtl, type, data: data.data } as DnsRecord;
    if (record.type === 'SOA') soaMinimum = record.data.minimum;
    const column = entry.ownerOmitted ? tokens[0].column : 1;
    if (admit(record, entry.line, column, apex, placed, fail, warn)) placed.push({ record, line: entry.line, column });
  }
  checkTargets(placed, warn);
  return { records: placed.map((p) => p.record), errors, warnings };
}

function readName(token: ZoneToken, origin: string): { name: string; suspicious: boolean } | { problem: Text } {
  if (token.quoted) return { problem: { en: `names are written without quotes: ${token.raw}`, de: `Namen werden ohne Anführungszeichen geschrieben: ${token.raw}` } };
  if (token.escaped) return { problem: { en: `backslash escapes in names are not supported here: ${token.raw}`, de: `Backslash-Escapes in Namen werden hier nicht unterstützt: ${token.raw}` } };
  const text = token.text.toLowerCase();
  let name: string;
  let suspicious = false;
  if (text === '@') name = origin;
  else if (text === '.') name = '';
  else if (text.endsWith('.')) name = text.slice(0, -1);
  else {
    name = origin === '' ? text : `${text}.${origin}`;
    // A relative name that already ends like a full name is almost always a forgotten trailing dot.
    const lastLabel = text.split('.').pop() ?? '';
    suspicious = origin !== '' && text.includes('.') && (text === origin || text.endsWith(`.${origin}`) || ['com', 'org', 'net', 'de', 'at', 'ch', 'eu', 'arpa', origin.split('.').pop()].includes(lastLabel));
  }
  const problem = nameProblem(name);
  if (problem) return { problem: { en: `'${token.raw}' is not a valid name: ${problem.en}`, de: `'${token.raw}' ist kein gültiger Name: ${problem.de}` } };
  return { name, suspicious };
}

function relativeWarning(written: string, name: string): Text {
  return {
    en: `'${written}' has no dot at the end, so it is read relative to the zone and becomes ${name}. Write '${written}.' if you mean the full name`,
    de: `'${written}' endet nicht mit einem Punkt und wird deshalb relativ zur Zone gelesen: ${name}. Schreibe '${written}.', wenn der vollständige Name gemeint ist`,
  };
}

function directive(entry: ZoneEntry, current: string, fail: (l: number, c: number, t: Text) => void): { origin?: string; ttl?: number } {
  const [head, arg, extra] = entry.tokens;
  const name = head.text.toUpperCase();
  if (name === '$ORIGIN' || name === '$TTL') {
    if (!arg) {
      fail(head.line, head.end, name === '$ORIGIN' ? { en: '$ORIGIN needs a domain name, like $ORIGIN example.org.', de: '$ORIGIN braucht einen Domainnamen, etwa $ORIGIN example.org.' } : { en: '$TTL needs a time, like $TTL 3600 or $TTL 1h', de: '$TTL braucht eine Zeit, etwa $TTL 3600 oder $TTL 1h' });
      return {};
    }
    if (extra) fail(extra.line, extra.column, { en: `${name} takes one value; remove '${extra.raw}'`, de: `${name} nimmt nur einen Wert; entferne '${extra.raw}'` });
    if (name === '$TTL') {
      const ttl = parseTtl(arg.text);
      if (ttl === undefined) fail(arg.line, arg.column, { en: `'${arg.raw}' is not a TTL: write seconds (3600) or use units such as 30m, 1h, 1d or 1w`, de: `'${arg.raw}' ist keine TTL: schreibe Sekunden (3600) oder nutze Einheiten wie 30m, 1h, 1d oder 1w` });
      return ttl === undefined ? {} : { ttl };
    }
    const r = readName(arg, current);
    if ('problem' in r) {
      fail(arg.line, arg.column, r.problem);
      return {};
    }
    return { origin: r.name };
  }
  if (name === '$INCLUDE' || name === '$GENERATE') {
    fail(head.line, head.column, { en: `${name} is not available in the simulator: write the records into this zone directly`, de: `${name} gibt es im Simulator nicht: schreibe die Einträge direkt in diese Zone` });
    return {};
  }
  fail(head.line, head.column, { en: `'${head.raw}' is not a zone-file directive: the known ones are $ORIGIN and $TTL`, de: `'${head.raw}' ist keine Zonendatei-Anweisung: bekannt sind $ORIGIN und $TTL` });
  return {};
}

function typeProblem(token: ZoneToken, entry: ZoneEntry): Text {
  const type = token.text.toUpperCase();
  const known = DNS_TYPES.join(', ');
  if (UNSUPPORTED_TYPES.has(type) || /^TYPE[0-9]+$/.test(type)) {
    return { en: `${type} records are not simulated; the simulator knows ${known}`, de: `${type}-Einträge werden nicht simuliert; der Simulator kennt ${known}` };
  }
  if (entry.ownerOmitted) {
    return {
      en: `'${token.raw}' is not a record type. This line starts with a space, so it repeats the previous name; if '${token.raw}' is meant as the name, start the line with it`,
      de: `'${token.raw}' ist kein Eintragstyp. Diese Zeile beginnt mit einem Leerzeichen und übernimmt daher den vorigen Namen; ist '${token.raw}' als Name gemeint, schreibe ihn ganz an den Zeilenanfang`,
    };
  }
  return { en: `'${token.raw}' is not a record type: after the name (and an optional TTL and class) comes one of ${known}`, de: `'${token.raw}' ist kein Eintragstyp: nach dem Namen (und optional TTL und Klasse) folgt einer von ${known}` };
}

type Report = (line: number, column: number, t: Text) => void;

/** admit applies the checks that need the records already read; it reports and returns false to drop a record. */
function admit(record: DnsRecord, line: number, column: number, apex: string, placed: { record: DnsRecord; line: number }[], fail: Report, warn: Report): boolean {
  if (apex !== '' && record.name !== apex && !record.name.endsWith(`.${apex}`)) {
    fail(line, column, { en: `${record.name} lies outside the zone ${apex}: this zone can only hold names ending in ${apex}`, de: `${record.name} liegt außerhalb der Zone ${apex}: diese Zone kann nur Namen enthalten, die auf ${apex} enden` });
    return false;
  }
  if (record.type === 'SOA') {
    if (record.name !== apex) {
      fail(line, column, { en: 'the SOA record belongs to the top of the zone: write it with the name @', de: 'der SOA-Eintrag gehört an die Spitze der Zone: schreibe ihn mit dem Namen @' });
      return false;
    }
    const other = placed.find((p) => p.record.type === 'SOA');
    if (other) {
      fail(line, column, { en: `a zone has exactly one SOA record; there is already one on line ${other.line}`, de: `eine Zone hat genau einen SOA-Eintrag; in Zeile ${other.line} steht schon einer` });
      return false;
    }
  }
  const atName = placed.filter((p) => p.record.name === record.name);
  // RFC 1034 §3.6.2 and RFC 2181 §10.1: a name with a CNAME has no other data.
  const clash = atName.find((p) => record.type === 'CNAME' || p.record.type === 'CNAME');
  if (clash) {
    const n = absoluteName(record.name);
    const both = clash.record.type === 'CNAME' && record.type === 'CNAME';
    fail(line, column, both
      ? { en: `${n} already has a CNAME on line ${clash.line}; a name can be an alias of only one other name`, de: `${n} hat schon einen CNAME in Zeile ${clash.line}; ein Name kann nur Alias eines einzigen anderen Namens sein` }
      : { en: `${n} has a CNAME and other records (${clash.record.type} on line ${clash.line}): a name with a CNAME can have no other data (RFC 1034 §3.6.2). Remove the CNAME or the other records`, de: `${n} hat einen CNAME und weitere Einträge (${clash.record.type} in Zeile ${clash.line}): ein Name mit CNAME darf keine anderen Daten haben (RFC 1034 §3.6.2). Entferne den CNAME oder die anderen Einträge` });
    return false;
  }
  const twin = atName.find((p) => sameRecord(p.record, record));
  if (twin) {
    warn(line, column, { en: `this record repeats the one on line ${twin.line}; DNS keeps it only once`, de: `dieser Eintrag wiederholt den aus Zeile ${twin.line}; DNS hält ihn nur einmal` });
    return false;
  }
  // RFC 2181 §5.2: all records of one name and type share one TTL.
  const sibling = atName.find((p) => p.record.type === record.type && p.record.ttl !== record.ttl);
  if (sibling) {
    warn(line, column, { en: `the ${record.type} records of ${absoluteName(record.name)} have different TTLs (${sibling.record.ttl} on line ${sibling.line}, ${record.ttl} here); servers use one TTL for them all`, de: `die ${record.type}-Einträge von ${absoluteName(record.name)} haben verschiedene TTLs (${sibling.record.ttl} in Zeile ${sibling.line}, hier ${record.ttl}); Server nutzen eine TTL für alle` });
  }
  return true;
}

/** checkTargets warns when an MX or NS record points at a name that is a CNAME (RFC 2181 §10.3). */
function checkTargets(placed: { record: DnsRecord; line: number; column: number }[], warn: Report): void {
  const aliases = new Set(placed.filter((p) => p.record.type === 'CNAME').map((p) => p.record.name));
  for (const p of placed) {
    const target = p.record.type === 'MX' ? p.record.data.exchange : p.record.type === 'NS' ? p.record.data.target : undefined;
    if (target !== undefined && aliases.has(target)) {
      warn(p.line, p.column, { en: `${p.record.type} must point at a host's own name, but ${absoluteName(target)} is a CNAME (RFC 2181 §10.3)`, de: `${p.record.type} muss auf den eigentlichen Namen eines Hosts zeigen, aber ${absoluteName(target)} ist ein CNAME (RFC 2181 §10.3)` });
    }
  }
}

function relativeTo(name: string, apex: string): string {
  if (name === apex) return '@';
  if (apex === '') return name;
  if (name.endsWith(`.${apex}`)) return name.slice(0, -apex.length - 1);
  return absoluteName(name);
}

function dataText(record: DnsRecord, apex: string): string {
  const rel = (n: string) => relativeTo(n, apex);
  switch (record.type) {
    case 'MX':
      return `${record.data.preference} ${rel(record.data.exchange)}`;
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return rel(record.data.target);
    case 'SOA': {
      const d = record.data;
      return `${rel(d.mname)} ${rel(d.rname)} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`;
    }
    default:
      return recordDataText(record);
  }
}

/**
 * printZone writes records as a zone file for `origin`: `$ORIGIN`, then `$TTL` when a default is
 * given (records with that TTL then omit it), names relative to the origin (`@`, `mx1`), the owner
 * left blank when it repeats, and TXT values in quoted strings of at most 255 octets.
 * The text parses back to the same records.
 */
export function printZone(origin: string, records: readonly DnsRecord[], defaultTtl?: number): string {
  const apex = normalizeName(origin);
  const lines = [`$ORIGIN ${absoluteName(apex)}`];
  if (defaultTtl !== undefined) lines.push(`$TTL ${defaultTtl}`);
  const owners = records.map((r) => relativeTo(r.name, apex));
  const width = Math.max(1, ...owners.map((o) => o.length));
  let previous: string | undefined;
  records.forEach((r, k) => {
    const owner = r.name === previous ? '' : owners[k];
    previous = r.name;
    const ttl = defaultTtl !== undefined && r.ttl === defaultTtl ? '' : `${r.ttl} `;
    lines.push(`${owner.padEnd(width)} ${ttl}IN ${r.type satisfies DnsType} ${dataText(r, apex)}`);
  });
  return `${lines.join('\n')}\n`;
}

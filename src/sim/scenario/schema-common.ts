/**
 * Building blocks shared by the scenario schema: closed objects that name their fields, durations,
 * bilingual text, host names, addresses and IP addresses. Messages for the author travel inside
 * zod issues as hints (see `hint`), so the loader can explain every mistake in both languages.
 */
import { z } from 'zod';
import { parseDuration } from './duration';
import { isAddress, isHostName, isIPv4, isIPv6, isReservedIPv4, isReservedIPv6, isReservedName, isReservedNetwork } from './names';
import { textIn, type Text } from './text';

/** SchemaHint is what a schema tells the loader about an issue it raised. */
export interface SchemaHint {
  /** The whole message, when the schema knows best. */
  text?: Text;
  /** The fields an object allows (for unknown or missing fields). */
  fields?: string[];
  /** What a value of an enum is called (`fault kind`) and how the list of values is introduced. */
  noun?: Text;
  known?: Text;
  /** `key` when the field name is at fault rather than its value. */
  at?: 'key';
}

const HINT_PREFIX = '\u0000hint:';

/** hint encodes a SchemaHint as a zod error message; `readHint` decodes it. */
export function hint(h: SchemaHint): string {
  return HINT_PREFIX + JSON.stringify(h);
}

/** readHint decodes a zod issue message made by `hint`, or returns undefined for any other message. */
export function readHint(message: string): SchemaHint | undefined {
  if (!message.startsWith(HINT_PREFIX)) return undefined;
  try {
    return JSON.parse(message.slice(HINT_PREFIX.length)) as SchemaHint;
  } catch {
    return undefined;
  }
}

/** closedObject is a strict object (unknown fields are errors) whose issues name the fields it allows. */
export function closedObject<S extends z.ZodRawShape>(shape: S) {
  const fields = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' || iss.code === 'invalid_type' ? hint({ fields }) : undefined),
  });
}

/** named is an enum whose issues call its values by a noun (`fault kind`) and list them under `known`. */
export function named<const T extends readonly [string, ...string[]]>(values: T, noun: Text, known?: Text) {
  return z.enum(values, { error: () => hint({ noun, known }) });
}

/** fail adds a custom issue with a bilingual message to a refinement's context (`at: 'key'` blames the field name). */
export function fail(ctx: { addIssue(issue: z.core.$ZodRawIssue): void; value: unknown }, text: Text, path?: PropertyKey[], at?: 'key'): void {
  ctx.addIssue({ code: 'custom', message: hint(at ? { text, at } : { text }), input: ctx.value, ...(path ? { path } : {}) });
}

/** DurationSchema reads a duration (`20m`, `1h30m`, `5d`, or a number of ms) and yields milliseconds. */
export const DurationSchema = z
  .union([z.string(), z.number()], {
    error: () => hint({ text: { en: "expected a duration such as '300s', '20m', '1h30m' or '5d'", de: "erwartet wird eine Zeitdauer wie '300s', '20m', '1h30m' oder '5d'" } }),
  })
  .transform((value, ctx) => {
    const ms = parseDuration(value);
    if (typeof ms === 'number') return ms;
    ctx.issues.push({ code: 'custom', message: hint({ text: ms.error }), input: value });
    return z.NEVER;
  })
  .meta({ description: "A duration: a number with a unit (ms, s, m, h, d, w), e.g. '300s', '20m', '1h30m', '5d'; a bare number is milliseconds." });

/** LocalTextSchema is text for people: one string, or `{ en, de }`; it yields a Text with both languages (a missing one falls back to the other). */
export const LocalTextSchema = z
  .union(
    [
      z.string(),
      closedObject({ en: z.string().optional(), de: z.string().optional() }).refine((t) => t.en !== undefined || t.de !== undefined, {
        error: hint({ text: { en: 'give the text in at least one language (en or de)', de: 'den Text in mindestens einer Sprache angeben (en oder de)' } }),
      }),
    ],
    { error: () => hint({ text: { en: 'expected text, or a mapping with en and de', de: 'erwartet wird Text oder eine Zuordnung mit en und de' } }) },
  )
  .transform((t): Text => ({ en: textIn(t, 'en'), de: textIn(t, 'de') }))
  .meta({ description: 'Text for people: a string, or { en, de } with one text per language.' });

/** ScalarSchema is a single text, number or true/false value. */
export const ScalarSchema = z.union([z.string(), z.number(), z.boolean()], {
  error: () => hint({ text: { en: 'expected a single value: text, a number, true or false', de: 'erwartet wird ein einzelner Wert: Text, eine Zahl, true oder false' } }),
});

/** HostNameSchema is a host name; names with dots must be reserved (example.com/org/net, .test, ...). */
export const HostNameSchema = z
  .string()
  .superRefine((name, ctx) => {
    if (!isHostName(name)) {
      fail(ctx, { en: `'${name}' is not a valid host name: use letters, digits, '-' and dots, e.g. mx1.example.org`, de: `'${name}' ist kein gültiger Rechnername: Buchstaben, Ziffern, '-' und Punkte verwenden, z. B. mx1.example.org` });
    } else if (!isReservedName(name)) {
      fail(ctx, { en: `'${name}' is not a reserved name: simulated worlds use only example.com, example.org, example.net (and subdomains) or names without dots`, de: `'${name}' ist kein reservierter Name: Simulierte Welten verwenden nur example.com, example.org, example.net (und Subdomains) oder Namen ohne Punkt` });
    }
  })
  .meta({ description: 'A host name: a single label (alice-pc) or a name under example.com, example.org or example.net.' });

/** AddressSchema is a mail address `local@domain` whose domain is reserved. */
export const AddressSchema = z
  .string()
  .superRefine((address, ctx) => {
    if (!isAddress(address)) {
      fail(ctx, { en: `'${address}' is not a mail address: expected name@domain, e.g. bob@example.org`, de: `'${address}' ist keine Mailadresse: erwartet wird name@domain, z. B. bob@example.org` });
    } else if (!isReservedName(address.slice(address.lastIndexOf('@') + 1))) {
      fail(ctx, { en: `'${address}' uses a real domain: simulated worlds use only example.com, example.org and example.net`, de: `'${address}' verwendet eine echte Domain: Simulierte Welten verwenden nur example.com, example.org und example.net` });
    }
  })
  .meta({ description: 'A mail address under a reserved domain, e.g. bob@example.org.' });

/** IPv4Schema is an IPv4 address from the documentation or private ranges. */
export const IPv4Schema = z
  .string()
  .superRefine((ip, ctx) => {
    if (!isIPv4(ip)) fail(ctx, { en: `'${ip}' is not an IPv4 address: expected four numbers 0-255 with dots, e.g. 192.0.2.10`, de: `'${ip}' ist keine IPv4-Adresse: erwartet werden vier Zahlen 0-255 mit Punkten, z. B. 192.0.2.10` });
    else if (!isReservedIPv4(ip)) fail(ctx, { en: `${ip} is a public address: use 192.0.2.0/24, 198.51.100.0/24 or 203.0.113.0/24 (documentation ranges) or a private range`, de: `${ip} ist eine öffentliche Adresse: 192.0.2.0/24, 198.51.100.0/24 oder 203.0.113.0/24 (Dokumentationsbereiche) oder einen privaten Bereich verwenden` });
  })
  .meta({ description: 'An IPv4 address from 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 or a private range.' });

/** IPv6Schema is an IPv6 address from 2001:db8::/32 or the unique local range. */
export const IPv6Schema = z
  .string()
  .superRefine((ip, ctx) => {
    if (!isIPv6(ip)) fail(ctx, { en: `'${ip}' is not an IPv6 address, e.g. 2001:db8::25`, de: `'${ip}' ist keine IPv6-Adresse, z. B. 2001:db8::25` });
    else if (!isReservedIPv6(ip)) fail(ctx, { en: `${ip} is a public address: use the documentation prefix 2001:db8::/32`, de: `${ip} ist eine öffentliche Adresse: das Dokumentationspräfix 2001:db8::/32 verwenden` });
  })
  .meta({ description: 'An IPv6 address from the documentation prefix 2001:db8::/32.' });

/** NetworkSchema is an address or CIDR block (`198.51.100.0/24`) in the reserved ranges. */
export const NetworkSchema = z
  .string()
  .superRefine((block, ctx) => {
    if (!isReservedNetwork(block)) fail(ctx, { en: `'${block}' is not an address or block in the documentation or private ranges, e.g. 198.51.100.0/24`, de: `'${block}' ist keine Adresse und kein Block in den Dokumentations- oder privaten Bereichen, z. B. 198.51.100.0/24` });
  })
  .meta({ description: 'An IP address or CIDR block in the documentation or private ranges, e.g. 198.51.100.0/24.' });

/** PortSchema is a TCP port number. */
export const PortSchema = z.int().min(1).max(65535).meta({ description: 'A TCP port (25, 465, 587, 143, 993, 110, 995, ...).' });

/** IdSchema is a short identifier authors give to goals, mails and faults. */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
    error: hint({ text: { en: "expected an id of letters, digits, '-', '_' or '.', e.g. saw-421", de: "erwartet wird eine Kennung aus Buchstaben, Ziffern, '-', '_' oder '.', z. B. saw-421" } }),
  })
  .meta({ description: 'An identifier: letters, digits, -, _ and dots.' });

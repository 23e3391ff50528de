/**
 * Checks: conditions over the outcome of a run (a message's fate, a reply seen, an authentication
 * result, a DNS record, an account setting, a console command, any trace event), combined with
 * all/any/not. Goals grade with them, actions wait for them, lessons advance on them.
 */
import { z } from 'zod';
import { closedObject, fail, hint, named, ScalarSchema } from './schema-common';

/** FATES: how a message ended for one recipient (as in the trace's `message.fate`). */
export const FATES = ['delivered', 'bounced', 'rejected', 'queued'] as const;
/** SPF_RESULTS: SPF verdicts (RFC 7208 §2.6). */
export const SPF_RESULTS = ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror'] as const;
/** DKIM_RESULTS: DKIM verdicts as Authentication-Results records them (RFC 8601 §2.7.1). */
export const DKIM_RESULTS = ['pass', 'fail', 'neutral', 'policy', 'none', 'temperror', 'permerror'] as const;
/** DMARC_RESULTS: DMARC verdicts (RFC 7489 §11.2). */
export const DMARC_RESULTS = ['pass', 'fail', 'none', 'temperror', 'permerror'] as const;
/** RECORD_TYPES: the DNS record types a check can look at. */
export const RECORD_TYPES = ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'PTR', 'NS', 'SOA'] as const;

/** Fate is one of FATES. */
export type Fate = (typeof FATES)[number];

/** Check is a condition over a run; see CheckSchema for the meaning of each form. */
export type Check =
  | { fate: Fate; message?: string; from?: string; to?: string; folder?: string }
  | { reply: { code?: number; enhanced?: string; at?: string; from?: string; text?: string } }
  | { auth: { spf?: (typeof SPF_RESULTS)[number]; dkim?: (typeof DKIM_RESULTS)[number]; dmarc?: (typeof DMARC_RESULTS)[number]; to?: string; at?: string } }
  | { record: { zone: string; name: string; type: (typeof RECORD_TYPES)[number]; valid?: boolean; contains?: string } }
  | { account: { address: string; setting: string; equals: string | number | boolean } }
  | { console: { command: string; host?: string } }
  | { event: { type: string; [field: string]: string | number | boolean } }
  | { all: Check[] }
  | { any: Check[] }
  | { not: Check };

const ENHANCED = /^[245]\.\d{1,3}\.\d{1,3}$/;

/** commandPattern turns a console check's `command` into a RegExp: `/re/flags` as written, plain text as a case-insensitive substring; undefined for a bad pattern. */
export function commandPattern(command: string): RegExp | undefined {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(command);
  try {
    return m ? new RegExp(m[1], m[2]) : new RegExp(command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  } catch {
    return undefined;
  }
}

const FateCheck = closedObject({
  fate: named(FATES, { en: 'fate', de: 'Verbleib' }).describe('How the message ended for the recipient.'),
  message: z.string().optional().describe('The id of the mail in `send`.'),
  from: z.string().optional().describe('Sender address of the message.'),
  to: z.string().optional().describe('Recipient address.'),
  folder: z.string().optional().describe('Folder it was stored in (INBOX, Junk).'),
}).describe('A message reached this fate (delivered, bounced, rejected, queued).');

const ReplyCheck = closedObject({
  reply: closedObject({
    code: z.int().min(200).max(599).optional().describe('Reply code, e.g. 421.'),
    enhanced: z.string().regex(ENHANCED, { error: hint({ text: { en: "expected an enhanced status code such as '4.3.2' (RFC 3463)", de: "erwartet wird ein erweiterter Statuscode wie '4.3.2' (RFC 3463)" } }) }).optional().describe('Enhanced status code, e.g. 5.1.1.'),
    at: z.string().optional().describe('The server that sent the reply.'),
    from: z.string().optional().describe('The client host that received the reply.'),
    text: z.string().optional().describe('Text the reply contains.'),
  }),
}).describe('A server sent this reply.');

const AuthCheck = closedObject({
  auth: closedObject({
    spf: named(SPF_RESULTS, { en: 'SPF result', de: 'SPF-Ergebnis' }).optional(),
    dkim: named(DKIM_RESULTS, { en: 'DKIM result', de: 'DKIM-Ergebnis' }).optional(),
    dmarc: named(DMARC_RESULTS, { en: 'DMARC result', de: 'DMARC-Ergebnis' }).optional(),
    to: z.string().optional().describe('Recipient address of the checked message.'),
    at: z.string().optional().describe('The receiving server that checked.'),
  }).superRefine((a, ctx) => {
    if (!a.spf && !a.dkim && !a.dmarc) fail(ctx, { en: 'name at least one of spf, dkim or dmarc', de: 'mindestens eines von spf, dkim oder dmarc angeben' });
  }),
}).describe('A receiving server reached these authentication results.');

const RecordCheck = closedObject({
  record: closedObject({
    zone: z.string().describe('The zone, e.g. example.com.'),
    name: z.string().describe('The owner name, relative to the zone (@ for the zone itself).'),
    type: named(RECORD_TYPES, { en: 'record type', de: 'Eintragstyp' }),
    valid: z.boolean().optional().describe('The record is (or is not) well-formed for its purpose, e.g. a parsable SPF record.'),
    contains: z.string().optional().describe('Text the record contains.'),
  }),
}).describe('A DNS record is present (and valid) in a zone.');

const AccountCheck = closedObject({
  account: closedObject({
    address: z.string(),
    setting: z.string().min(1).describe('Path of the setting, e.g. outgoing.port.'),
    equals: ScalarSchema,
  }),
}).describe('An account setting has this value.');

const ConsoleCheck = closedObject({
  console: closedObject({
    command: z.string().min(1).superRefine((c, ctx) => {
      if (!commandPattern(c)) fail(ctx, { en: `'${c}' is not a valid regular expression`, de: `'${c}' ist kein gültiger regulärer Ausdruck` });
    }).describe('Text the command contains, or /regex/flags.'),
    host: z.string().optional().describe('The host the console was open on.'),
  }),
}).describe('The student typed a matching command at a console.');

const EventCheck = closedObject({
  event: z.object({ type: z.string().min(1).describe('Trace event type, e.g. smtp.reply.') }).catchall(ScalarSchema),
}).describe('A trace event with this type and these field values happened.');

/** CheckSchema validates a Check; the forms are told apart by their one key. */
export const CheckSchema: z.ZodType<Check> = z.lazy(() =>
  z.union([
    FateCheck,
    ReplyCheck,
    AuthCheck,
    RecordCheck,
    AccountCheck,
    ConsoleCheck,
    EventCheck,
    closedObject({ all: z.array(CheckSchema).min(1) }).describe('Every check holds.'),
    closedObject({ any: z.array(CheckSchema).min(1) }).describe('At least one check holds.'),
    closedObject({ not: CheckSchema }).describe('The check does not hold.'),
  ]),
).meta({ title: 'Check', description: 'A condition over the run: fate, reply, auth, record, account, console, event, or all/any/not of checks.' });

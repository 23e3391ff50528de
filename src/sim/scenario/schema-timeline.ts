/**
 * What happens during a run: the mail to send and the actions to take, each at a time (`at`) or
 * when a check first holds (`when`). Neither means at the start.
 */
import { z } from 'zod';
import { isAddress } from './names';
import { CheckSchema } from './schema-checks';
import { AddressSchema, closedObject, DurationSchema, fail, hint, HostNameSchema, IdSchema, LocalTextSchema, named, ScalarSchema } from './schema-common';
import { FAULT_KINDS } from './fault-catalogue';
import { FaultSchema } from './schema-faults';

const AddressListSchema = z.union([AddressSchema, z.array(AddressSchema).min(1)]).describe('One address or a list of addresses.');

const timing = {
  at: DurationSchema.optional().describe('When, after the start of the run.'),
  when: CheckSchema.optional().describe('As soon as this check holds (instead of a time).'),
};

/** atOrWhen rejects a step that gives both a time and a condition. */
function atOrWhen(step: { at?: number; when?: unknown }, ctx: z.core.$RefinementCtx<unknown>): void {
  if (step.at !== undefined && step.when !== undefined) {
    fail(ctx, { en: "give either 'at' (a time) or 'when' (a check), not both", de: "entweder 'at' (eine Zeit) oder 'when' (eine Prüfung) angeben, nicht beides" }, ['when']);
  }
}

/** asList turns one address or a list of them into a list. */
function asList(v: string | string[]): string[] {
  return typeof v === 'string' ? [v] : v;
}

const mailShape = {
  id: IdSchema.optional().describe('A name for the mail, so checks can refer to it.'),
  from: AddressSchema.describe('Sender (From header and, unless mailFrom says otherwise, envelope sender).'),
  to: AddressListSchema,
  cc: AddressListSchema.optional(),
  bcc: AddressListSchema.optional(),
  subject: z.string().describe('Subject line.'),
  body: z.string().optional().describe('Body text.'),
  size: z.int().min(0).max(50_000_000).optional().describe('Pad the message to this many octets.'),
  headers: z.record(z.string(), z.string()).optional().describe('Extra header fields.'),
  via: named(['mua', 'direct'], { en: 'way of sending', de: 'Versandweg' }).optional().describe('mua: through the mail program and its submission server (default); direct: the host talks straight to the recipient MX, as an attacker or a misconfigured script would.'),
  host: HostNameSchema.optional().describe('The client host it is sent from (default: the account\'s host).'),
  heloAs: z.string().optional().describe('The name given in EHLO (for spoofing).'),
  mailFrom: z
    .string()
    .superRefine((v, ctx) => {
      if (v !== '' && v !== '<>' && !isAddress(v)) fail(ctx, { en: `'${v}' is not a mail address: expected name@domain, or '<>' for the null sender`, de: `'${v}' ist keine Mailadresse: erwartet wird name@domain oder '<>' für den leeren Absender` });
    })
    .optional()
    .describe("Envelope sender (MAIL FROM) if different from `from`; '<>' is the null sender."),
};

/** normaliseMail lists the recipients and writes the null sender as ''. */
function normaliseMail<M extends { to: string | string[]; cc?: string | string[]; bcc?: string | string[]; mailFrom?: string }>(m: M) {
  return {
    ...m,
    to: asList(m.to),
    cc: m.cc === undefined ? undefined : asList(m.cc),
    bcc: m.bcc === undefined ? undefined : asList(m.bcc),
    mailFrom: m.mailFrom === '<>' ? '' : m.mailFrom,
  };
}

/** MailSchema is one mail to send, without a time (as in the `send` action). */
export const MailSchema = closedObject(mailShape).transform(normaliseMail);

/** SendSchema is one mail to send at a time or when a check holds (default: at the start). */
export const SendSchema = closedObject({ ...timing, ...mailShape })
  .superRefine(atOrWhen)
  .transform((s) => ({ ...normaliseMail(s), at: s.at === undefined && s.when === undefined ? 0 : s.at }))
  .meta({ title: 'Send', description: 'A mail to send, at a time or when a check holds.' });

const ACTION_NOUN = { en: 'action', de: 'Aktion' };

const actions = [
  closedObject({ ...timing, do: z.literal('inject-fault'), fault: FaultSchema }).describe('Switch a fault on.'),
  closedObject({
    ...timing,
    do: z.literal('clear-fault'),
    id: IdSchema.optional().describe('The id of the fault to clear.'),
    kind: named(FAULT_KINDS, { en: 'fault kind', de: 'Fehlerart' }, { en: 'Known kinds', de: 'Bekannte Arten' }).optional(),
    target: z.string().optional(),
  }).describe('Switch matching faults off (by id, or by kind and/or target; all faults when none is given).'),
  closedObject({
    ...timing,
    do: z.literal('set-dns'),
    zone: HostNameSchema,
    records: z.union([z.string(), z.array(z.string())]).optional().describe('Replace the whole zone with this zone-file text or these record lines.'),
    add: z.array(z.string()).optional().describe('Record lines to add.'),
    remove: z.array(z.string()).optional().describe('Records to remove: a full record line, or "name type" for all records of that name and type.'),
  }).describe('Edit a DNS zone.'),
  closedObject({ ...timing, do: z.literal('set-account'), address: AddressSchema, setting: z.string().min(1).describe('Path of the setting, e.g. outgoing.port.'), value: ScalarSchema }).describe('Change an account setting.'),
  closedObject({ ...timing, do: z.literal('send'), mail: MailSchema }).describe('Send a mail.'),
  closedObject({ ...timing, do: z.literal('pause'), message: LocalTextSchema.optional().describe('What the lesson says while paused.') }).describe('Pause playback (ignored when running headless).'),
  closedObject({ ...timing, do: z.literal('flush-queue'), host: HostNameSchema.describe('The MTA whose queue is retried now.') }).describe('Retry every queued mail now, like postqueue -f.'),
] as const;

/** ACTION_KINDS: the values of an action's `do`, in menu order. */
export const ACTION_KINDS = actions.map((a) => a.shape.do.value);

/** ActionSchema is one action, told apart by `do`, taken at a time or when a check holds. */
export const ActionSchema = z
  .discriminatedUnion('do', actions, { error: (iss) => (iss.code === 'invalid_union' ? hint({ noun: ACTION_NOUN, known: { en: 'Known actions', de: 'Bekannte Aktionen' } }) : undefined) })
  .superRefine(atOrWhen)
  .transform((a) => (a.at === undefined && a.when === undefined ? { ...a, at: 0 } : a))
  .meta({ title: 'Action', description: 'Something the scenario or lesson does: inject-fault, clear-fault, set-dns, set-account, send, pause, flush-queue.' });

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FaultSchema } from '../scenario/schema-faults';
import { SMTP_STAGES } from '../scenario/schema-faults';
import { CONNECTION_FAULTS } from '../scenario/faults-connection';
import { DELIVERY_FAULTS } from '../scenario/faults-delivery';
import type { MessageFate, QueueEvent, MailEvent } from '../kernel/trace';
import { MAY_BE_SENT_TWICE } from '../protocol/delivery-outcome';
import { prepareWorld } from './simulate';
import { toFaultInput } from './scenario-plan';
import type { FaultSpecInput } from './fault-state';

const PEOPLE = ['alice@example.com', 'bob@example.org', 'carol@example.org'];
const NOBODY = ['nobody@example.org', 'ghost@example.com'];
const MIN = 60_000;
const HOUR = 60 * MIN;
const SIX_DAYS = 6 * 24 * HOUR;

/** Valid targets per catalogue target kind, in the default world. */
const TARGETS: Record<string, readonly string[]> = {
  host: ['smtp.example.com', 'relay.example.net', 'mx1.example.org', 'mx2.example.org', 'mail.example.org', 'ns.example.org', 'ns.example.com'],
  link: ['mx1.example.org<->internet', 'mx2.example.org<->internet', 'relay.example.net<->internet', 'alice-pc<->isp-gw', 'smtp.example.com<->internet', 'mail.example.org<->mx1.example.org'],
  client: ['alice-pc', 'isp-gw', 'bob-phone'],
  account: PEOPLE,
  address: PEOPLE,
  'dns-name': ['example.org', 'example.com', 'mx1.example.org', 'relay.example.net'],
  zone: ['example.org', 'example.com'],
};

/** Parameter values worth trying, per parameter name (others take the catalogue default). */
const PARAMS: Record<string, fc.Arbitrary<unknown>> = {
  port: fc.constantFrom(25, 465, 587, 2525),
  loss: fc.constantFrom(0.2, 0.5, 1),
  limit: fc.constantFrom(300, 1200, 5000),
  permanent: fc.boolean(),
  delay: fc.constantFrom('1m', '5m', '2h'),
  attempts: fc.integer({ min: 1, max: 3 }),
  security: fc.constantFrom('swap', 'none', 'starttls', 'tls'),
  type: fc.constantFrom('ANY', 'MX', 'A'),
  host: fc.constantFrom('', 'smtp.example.com', 'relay.example.net', 'mx2.example.org'),
};

const KINDS = [...CONNECTION_FAULTS, ...DELIVERY_FAULTS];

/** A random fault of the connection and delivery catalogue on a valid target, at a random time. */
const faultArb: fc.Arbitrary<FaultSpecInput> = fc.constantFrom(...KINDS).chain((def) =>
  fc.record({
    target: fc.constantFrom(...TARGETS[def.targetKind]),
    start: fc.oneof(
      fc.record({ from: fc.integer({ min: 0, max: 2 * HOUR }) }),
      fc.record({ on: fc.record({ attempt: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), event: fc.option(fc.constantFrom(...SMTP_STAGES), { nil: undefined }) }) }),
    ),
    for: fc.option(fc.integer({ min: MIN, max: 26 * HOUR }), { nil: undefined }),
    count: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    params: fc.record(Object.fromEntries(def.params.filter((p) => PARAMS[p.name]).map((p) => [p.name, PARAMS[p.name]])), { requiredKeys: [] }),
  }).map(({ target, start, ...rest }) => {
    const on = 'on' in start ? start.on : undefined;
    const trigger = on && (on.attempt !== undefined || on.event !== undefined) ? { on: Object.fromEntries(Object.entries(on).filter(([, v]) => v !== undefined)) } : { from: 'from' in start ? start.from : 0 };
    const parsed = FaultSchema.safeParse({ kind: def.kind, target, ...trigger, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) });
    if (!parsed.success) throw new Error(`generated an invalid fault: ${JSON.stringify(parsed.error.issues)}`);
    return toFaultInput(parsed.data);
  }),
);

/** A random mail: a sender with a mail program, one to three recipients (sometimes unknown ones). */
const mailArb = fc.record({
  at: fc.integer({ min: 0, max: 2 * HOUR }),
  from: fc.constantFrom(...PEOPLE),
  to: fc.uniqueArray(fc.constantFrom(...PEOPLE, ...NOBODY), { minLength: 1, maxLength: 3 }),
  subject: fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ' ')),
  body: fc.array(fc.constantFrom('Hi', '.', '..dots', 'From me', '', 'Grüße'), { maxLength: 4 }).map((ls) => ls.join('\r\n') + '\r\n'),
});

const worldArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  faults: fc.array(faultArb, { minLength: 1, maxLength: 4 }),
  mails: fc.array(mailArb, { minLength: 1, maxLength: 4 }),
});

describe('fault invariants over random worlds, faults and mail', () => {
  it('every message and recipient ends delivered, bounced, rejected (in front of the sender) or queued with a next retry; never lost; a second copy only after a lost reply', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async ({ seed, faults, mails }) => {
        const prepared = prepareWorld({ seed, faults });
        if (!prepared.ok) throw new Error('world did not build');
        const world = prepared.world;
        for (const m of mails) world.send(m.at, { from: m.from, to: m.to, subject: m.subject, body: m.body });
        await world.run(SIX_DAYS);
        world.finish();
        const events = world.trace.events;
        const fates = events.filter((e): e is MessageFate => e.type === 'message.fate');
        const lostReply = (id: string, rcpt: string) =>
          events.filter((e): e is QueueEvent => e.type === 'queue.defer' && e.msg === id && e.rcpts.some((r) => r.toLowerCase() === rcpt) && (e.reason ?? '').includes(MAY_BE_SENT_TWICE)).length;
        const sawError = new Set(events.filter((e): e is MailEvent => (e.type === 'mail.error' || e.type === 'mail.reject') && e.to !== undefined).map((e) => e.msg));
        for (const entry of world.ledger.all()) {
          for (const rcpt of entry.rcpts.map((r) => r.toLowerCase())) {
            const mine = fates.filter((f) => f.id === entry.id && f.to === rcpt);
            const where = `${entry.id} → ${rcpt}: ${JSON.stringify(mine)}`;
            // Never lost: a fate for every recipient.
            expect(mine.length, where).toBeGreaterThanOrEqual(1);
            for (const f of mine) {
              expect(['delivered', 'bounced', 'rejected', 'queued'], where).toContain(f.fate);
              if (f.fate === 'queued') expect(f.nextRetry, where).toBeTypeOf('number');
              if (f.fate === 'rejected') expect(sawError.has(entry.id), `${where}: rejected, but the sender saw no reply`).toBe(true);
            }
            if (NOBODY.includes(rcpt)) expect(mine.map((f) => f.fate), where).not.toContain('delivered');
            // More than one outcome only when the reply after the data was lost, and the trace says so.
            if (mine.length > 1) {
              expect(lostReply(entry.id, rcpt), `${where}: several outcomes without a lost reply`).toBeGreaterThanOrEqual(mine.length - 1);
              expect(mine.some((f) => f.fate === 'delivered'), where).toBe(true);
              expect(mine.filter((f) => f.fate === 'delivered').slice(1).every((f) => /^delivered again: /.test(f.reason ?? '')), where).toBe(true);
            }
          }
        }
        // Each stored copy is a delivered fate of that recipient, one for one.
        const stored = events.filter((e): e is MailEvent => e.type === 'mail.store' && !e.via);
        for (const s of stored) {
          const copies = stored.filter((x) => x.msg === s.msg && x.mailbox === s.mailbox).length;
          expect(fates.filter((f) => f.id === s.msg && f.to === s.mailbox && f.fate === 'delivered').length, `${s.msg} in ${s.mailbox}`).toBe(copies);
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 30), seed: Number(process.env.SEED ?? 1), endOnFailure: true },
    );
  }, 600_000);
});

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { prepareWorld } from './simulate';
import type { MessageFate } from '../kernel/trace';

const PEOPLE = ['alice@example.com', 'bob@example.org', 'carol@example.org'];
const NOBODY = ['nobody@example.org', 'ghost@example.com'];

/** A random mail: sender with a mail program, one to three recipients (sometimes unknown ones). */
const mailArb = fc.record({
  at: fc.integer({ min: 0, max: 600_000 }),
  from: fc.constantFrom(...PEOPLE),
  to: fc.uniqueArray(fc.constantFrom(...PEOPLE, ...NOBODY), { minLength: 1, maxLength: 3 }),
  subject: fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ' ')),
  body: fc.array(fc.constantFrom('Hi', '.', '..dots', 'From me', '', 'Grüße'), { maxLength: 5 }).map((ls) => ls.join('\r\n') + '\r\n'),
});

const worldArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  latencyScale: fc.integer({ min: 1, max: 20 }),
  mails: fc.array(mailArb, { minLength: 1, maxLength: 6 }),
});

describe('invariants over random worlds and mail', () => {
  it('every message and recipient ends in exactly one fate; none is lost or duplicated', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async ({ seed, latencyScale, mails }) => {
        const prepared = prepareWorld({ seed });
        if (!prepared.ok) throw new Error('world did not build');
        const world = prepared.world;
        for (const l of world.net.links) l.latency *= latencyScale;
        world.net.topologyChanged();
        for (const m of mails) world.send(m.at, { from: m.from, to: m.to, subject: m.subject, body: m.body });
        await world.run(6 * 86_400_000);
        world.finish();
        const fates = world.trace.events.filter((e): e is MessageFate => e.type === 'message.fate');
        for (const entry of world.ledger.all()) {
          for (const rcpt of entry.rcpts) {
            const mine = fates.filter((f) => f.id === entry.id && f.to === rcpt.toLowerCase());
            expect(mine.length, `${entry.id} → ${rcpt}`).toBe(1);
            expect(['delivered', 'bounced', 'rejected', 'queued']).toContain(mine[0].fate);
            if (NOBODY.includes(rcpt)) expect(mine[0].fate).not.toBe('delivered');
          }
        }
        // Each stored copy belongs to a recipient whose fate says delivered, in that mailbox.
        const stored = world.trace.events.filter((e) => e.type === 'mail.store' && !('via' in e && e.via));
        for (const s of stored) {
          const f = fates.find((x) => x.id === (s as { msg: string }).msg && x.to === (s as { mailbox: string }).mailbox);
          expect(f?.fate).toBe('delivered');
        }
      }),
      { numRuns: 20 },
    );
  });
});

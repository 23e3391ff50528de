import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../kernel/trace';
import { simulate } from './simulate';

const BUSY = `title: Trigger test
until: 1h
faults:
  - { id: busy1, kind: busy, target: mx1.example.org, from: 0s, for: 1h }
  - { id: busy2, kind: busy, target: mx2.example.org, from: 0s, for: 1h }
send:
  - { id: first, at: 1s, from: alice@example.com, to: bob@example.org, subject: First }
`;

async function trace(text: string): Promise<TraceEvent[]> {
  const r = await simulate({ scenarioText: text });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.trace;
}

describe('installTriggers (when: actions)', () => {
  it('acts once, right after the event that made the check hold', async () => {
    const events = await trace(`${BUSY}actions:
  - when: { reply: { code: 421, at: mx1.example.org } }
    do: clear-fault
    kind: busy
`);
    const first421 = events.find((e) => e.type === 'smtp.reply' && e.code === 421)!;
    const clears = events.filter((e) => e.type === 'fault.clear');
    expect(clears.map((e) => (e as { id: string }).id).sort()).toEqual(['busy1', 'busy2']);
    expect(clears[0].t).toBe(first421.t);
    // With the faults gone the relay's next try goes through, well before the first retry (5 min).
    const stored = events.find((e) => e.type === 'mail.store' && !('via' in e && e.via));
    expect(stored).toBeDefined();
    expect(stored!.t).toBeLessThan(300_000);
  });

  it('sends mail when a check holds, naming mail by the scenario id', async () => {
    const events = await trace(`title: Thank-you
until: 10m
send:
  - { id: hello, at: 1s, from: alice@example.com, to: bob@example.org, subject: Hello }
  - { when: { fate: delivered, message: hello }, from: bob@example.org, to: alice@example.com, subject: Thanks }
`);
    const submits = events.filter((e) => e.type === 'mail.submit');
    expect(submits.map((e) => (e as { subject?: string }).subject)).toEqual(['Hello', 'Thanks']);
    const delivered = events.find((e) => e.type === 'mail.store' && (e as { mailbox?: string }).mailbox === 'bob@example.org' && !(e as { via?: string }).via)!;
    expect(submits[1].t).toBe(delivered.t);
  });

  it('changes nothing while its check does not hold (same trace as without it)', async () => {
    // world.end counts the scheduler's tasks, which include the trigger's own evaluations.
    const events = async (text: string) => (await trace(text)).filter((e) => e.type !== 'world.end');
    const without = await events(BUSY);
    const withTrigger = await events(`${BUSY}actions:
  - when: { reply: { code: 535 } }
    do: clear-fault
`);
    expect(withTrigger).toEqual(without);
  });

  it('is deterministic', async () => {
    const text = `${BUSY}actions:\n  - { when: { event: { type: queue.defer } }, do: flush-queue, host: relay.example.net }\n`;
    expect(await trace(text)).toEqual(await trace(text));
  });
});

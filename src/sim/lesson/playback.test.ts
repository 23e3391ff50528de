import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../kernel/trace';
import type { WorldView } from '../world/view-model';
import { firstHolding } from './playback';

const reply = (t: number, code: number, from: string) => ({ t, type: 'smtp.reply', dir: 'S', line: `${code} x`, code, from, to: 'relay.example.net', proto: 'smtp', route: [], arrive: t + 1 });
const TRACE = [
  { t: 0, type: 'world.start', what: 'x' },
  reply(10, 220, 'mx1.example.org'),
  { t: 15, type: 'dns.query', from: 'a', to: 'b', proto: 'dns', id: 'q', name: 'example.org', qtype: 'MX', route: [], arrive: 16 },
  reply(20, 421, 'mx1.example.org'),
  reply(30, 421, 'mx2.example.org'),
  reply(40, 250, 'mx1.example.org'),
] as unknown as TraceEvent[];
const VIEW = { zones: [], accounts: [], mailboxes: [] } as unknown as WorldView;

describe('firstHolding', () => {
  it('finds the event the lesson pauses before', () => {
    expect(firstHolding({ reply: { code: 421 } }, TRACE, VIEW)).toBe(3);
    expect(firstHolding({ reply: { code: 421, at: 'mx2.example.org' } }, TRACE, VIEW)).toBe(4);
    expect(firstHolding({ event: { type: 'dns.query', qtype: 'MX' } }, TRACE, VIEW)).toBe(2);
  });

  it('starts looking at a time', () => {
    expect(firstHolding({ reply: { code: 421 } }, TRACE, VIEW, { from: 25 })).toBe(4);
    expect(firstHolding({ reply: { code: 220 } }, TRACE, VIEW, { from: 25 })).toBe(4);
  });

  it('says when a check never holds', () => {
    expect(firstHolding({ reply: { code: 550 } }, TRACE, VIEW)).toBeUndefined();
    expect(firstHolding({ all: [{ reply: { code: 421 } }, { reply: { code: 250 } }] }, TRACE, VIEW)).toBe(5);
  });
});

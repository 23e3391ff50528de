import { describe, expect, it } from 'vitest';
import { DEFAULT_SPAM_THRESHOLD, scoreMessage, type SpamInput } from './spam';

const CLEAN = [
  'From: Alice <alice@example.com>',
  'To: Bob <bob@example.org>',
  'Subject: Lunch on Friday?',
  'Date: Fri, 27 Nov 2026 09:00:00 +0000',
  'Message-ID: <m1@example.com>',
  '',
  'Hi Bob, shall we meet at noon?',
  '',
].join('\r\n');

const GOOD: SpamInput = {
  spf: { result: 'pass' },
  dkim: [{ result: 'pass' }],
  dmarc: { result: 'pass' },
  dnsblListed: [],
  raw: CLEAN,
  sizeOctets: CLEAN.length,
};

const score = (change: Partial<SpamInput>) => scoreMessage({ ...GOOD, ...change });
const rules = (change: Partial<SpamInput>) => score(change).parts.map((p) => [p.rule, p.points]);

describe('scoreMessage', () => {
  it('a clean, authenticated message scores 0 and goes to the inbox', () => {
    expect(score({})).toEqual({ score: 0, threshold: DEFAULT_SPAM_THRESHOLD, parts: [], action: 'inbox' });
  });

  it.each([
    ['SPF fail', { spf: { result: 'fail' } }, [['SPF_FAIL', 3.5]]],
    ['SPF softfail', { spf: { result: 'softfail' } }, [['SPF_SOFTFAIL', 1.5]]],
    ['SPF neutral', { spf: { result: 'neutral' } }, []],
    ['DKIM fail', { dkim: [{ result: 'fail' }] }, [['DKIM_FAIL', 2]]],
    ['DKIM permerror (key missing)', { dkim: [{ result: 'permerror' }] }, [['DKIM_FAIL', 2]]],
    ['DKIM one fails, one passes', { dkim: [{ result: 'fail' }, { result: 'pass' }] }, []],
    ['DKIM temperror', { dkim: [{ result: 'temperror' }] }, []],
    ['no DKIM', { dkim: [] }, [['DKIM_NONE', 1]]],
    ['DMARC fail', { dmarc: { result: 'fail' } }, [['DMARC_FAIL', 3]]],
    ['DMARC none', { dmarc: { result: 'none' } }, []],
    ['DNSBL, two zones', { dnsblListed: [{ zone: 'bl.example.net', ip: '203.0.113.7' }, { zone: 'dul.example.net', ip: '203.0.113.7' }] }, [['DNSBL_LISTED', 5], ['DNSBL_LISTED', 5]]],
    ['DNSBL, same zone twice', { dnsblListed: [{ zone: 'bl.example.net', ip: '203.0.113.7' }, { zone: 'BL.example.net', ip: '203.0.113.7' }] }, [['DNSBL_LISTED', 5]]],
    ['ALL-CAPS subject', { raw: CLEAN.replace('Lunch on Friday?', 'LUNCH ON FRIDAY!!!') }, [['SUBJECT_ALL_CAPS', 1.5]]],
    ['short capitals are fine', { raw: CLEAN.replace('Lunch on Friday?', 'FYI: OK') }, []],
    ['encoded ALL-CAPS subject', { raw: CLEAN.replace('Lunch on Friday?', '=?UTF-8?B?R1LDnFNTRSBBVVMgS8OWTE4=?=') }, [['SUBJECT_ALL_CAPS', 1.5]]],
    ['spam words', { raw: CLEAN.replace('shall we meet at noon?', 'you are a WINNER of our lottery! Click here.') }, [['SPAM_WORDS', 1.5], ['SPAM_WORDS', 1.5], ['SPAM_WORDS', 1.5]]],
    ['German spam words in an encoded subject', { raw: CLEAN.replace('Lunch on Friday?', '=?utf-8?Q?Ihr_Gewinnspiel_wartet?=') }, [['SPAM_WORDS', 1.5]]],
    ['words inside other words do not count', { raw: CLEAN.replace('shall we meet', 'the winners dinner') }, []],
    ['missing Date and Message-ID', { raw: CLEAN.replace(/Date: .*\r\nMessage-ID: .*\r\n/, '') }, [['MISSING_DATE', 1], ['MISSING_MESSAGE_ID', 1]]],
    ['too big to scan', { raw: CLEAN.replace('shall we meet', 'viagra'), sizeOctets: 600_000 }, [['TOO_BIG_TO_SCAN', 0]]],
  ] as [string, Partial<SpamInput>, [string, number][]][])('%s', (_name, change, expected) => {
    expect(rules(change)).toEqual(expected);
  });

  it('caps spam words at four', () => {
    const text = 'viagra lottery winner casino inheritance free money';
    expect(rules({ raw: CLEAN.replace('shall we meet at noon?', text) })).toHaveLength(4);
  });

  it('explains every part in English and German', () => {
    const v = score({ spf: { result: 'fail' }, dkim: [], dmarc: { result: 'fail' }, dnsblListed: [{ zone: 'bl.example.net', ip: '203.0.113.7' }] });
    for (const p of v.parts) {
      expect(p.note.en).not.toBe('');
      expect(p.note.de).not.toBe('');
    }
    expect(v.parts.find((p) => p.rule === 'DNSBL_LISTED')?.note.en).toContain('203.0.113.7');
  });

  it.each([
    ['inbox below 5', { spf: { result: 'softfail' }, dkim: [] }, 2.5, 'inbox'],
    ['junk at 5', { dkim: [{ result: 'fail' }], dmarc: { result: 'fail' } }, 5, 'junk'],
    ['junk between', { spf: { result: 'fail' }, dmarc: { result: 'fail' } }, 6.5, 'junk'],
    ['reject at 10', { dnsblListed: [{ zone: 'a.example', ip: '203.0.113.7' }, { zone: 'b.example', ip: '203.0.113.7' }] }, 10, 'reject'],
    ['reject above', { spf: { result: 'fail' }, dkim: [{ result: 'fail' }], dmarc: { result: 'fail' }, dnsblListed: [{ zone: 'a.example', ip: '203.0.113.7' }] }, 13.5, 'reject'],
  ] as [string, Partial<SpamInput>, number, string][])('%s', (_name, change, total, action) => {
    const v = score(change);
    expect(v.score).toBe(total);
    expect(v.action).toBe(action);
  });

  it('takes changed points, thresholds and words', () => {
    const v = score({ spf: { result: 'softfail' }, raw: CLEAN.replace('noon', 'the crypto meetup'), rules: { points: { SPF_SOFTFAIL: 4, SPAM_WORDS: 2 }, threshold: { junk: 6 }, words: ['crypto'] } });
    expect(v).toMatchObject({ score: 6, threshold: { junk: 6, reject: 10 }, action: 'junk' });
  });

  it('sums without floating-point noise and is deterministic', () => {
    const change = { spf: { result: 'softfail' }, dkim: [], raw: CLEAN.replace('Lunch on Friday?', 'FREE MONEY NOW').replace(/Date: .*\r\n/, '') };
    const v = score(change);
    expect(v.score).toBe(1.5 + 1 + 1.5 + 1.5 + 1);
    expect(score(change)).toEqual(v);
  });
});

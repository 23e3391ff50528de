import { describe, it, expect } from 'vitest';
import { replyFor } from '../protocol/reply-table';
import { decideInbound, type InboundFacts, type InboundPolicy } from './inbound-policy';

const PASS: InboundFacts = {
  spf: { result: 'pass', domain: 'example.com', ip: '198.51.100.25' },
  dkim: [{ result: 'pass', domain: 'example.com' }],
  dmarc: { result: 'pass', disposition: 'none', policy: 'reject' },
  fromDomain: 'example.com',
  spam: { action: 'inbox', score: 0, threshold: { junk: 5, reject: 10 } },
};

type Case = [string, Partial<InboundFacts>, InboundPolicy, 'INBOX' | 'Junk' | string];

describe('decideInbound', () => {
  it.each<Case>([
    ['everything passes', {}, {}, 'INBOX'],
    ['DMARC reject', { dmarc: { result: 'fail', disposition: 'reject', policy: 'reject' } }, {}, '550 5.7.1'],
    ['DMARC reject beats a spam reject', { dmarc: { result: 'fail', disposition: 'reject' }, spam: { action: 'reject', score: 12, threshold: { junk: 5, reject: 10 } } }, {}, '550 5.7.1'],
    ['DMARC quarantine', { dmarc: { result: 'fail', disposition: 'quarantine', policy: 'quarantine' } }, {}, 'Junk'],
    ['DMARC p=none: delivered', { dmarc: { result: 'fail', disposition: 'none', policy: 'none' } }, {}, 'INBOX'],
    ['SPF fail, default policy: accepted', { spf: { result: 'fail', domain: 'example.net', ip: '198.51.100.66' }, dmarc: { result: 'none', disposition: 'none' } }, {}, 'INBOX'],
    ['SPF fail, spfFailReject: 5.7.23', { spf: { result: 'fail', domain: 'example.net', ip: '198.51.100.66' }, dkim: [], dmarc: { result: 'none', disposition: 'none' } }, { spfFailReject: true }, '550 5.7.23'],
    ['SPF and DKIM fail, spfFailReject: 5.7.26', { spf: { result: 'fail', domain: 'example.net', ip: '198.51.100.66' }, dkim: [{ result: 'fail', domain: 'example.net' }], dmarc: { result: 'none', disposition: 'none' } }, { spfFailReject: true }, '550 5.7.26'],
    ['SPF fail but DMARC passes through DKIM: not refused', { spf: { result: 'fail', domain: 'example.com', ip: '198.51.100.9' } }, { spfFailReject: true }, 'INBOX'],
    ['spam score at the junk threshold', { spam: { action: 'junk', score: 5, threshold: { junk: 5, reject: 10 } } }, {}, 'Junk'],
    ['spam score at the reject threshold', { spam: { action: 'reject', score: 10, threshold: { junk: 5, reject: 10 } } }, {}, '550 5.7.1'],
    ['a content fault forces the refusal', { spam: { action: 'junk', score: 8, threshold: { junk: 5, reject: 10 } }, forceSpamReject: true }, {}, '550 5.7.1'],
  ])('%s', (_name, facts, policy, expected) => {
    const d = decideInbound({ ...PASS, ...facts }, policy);
    if (expected === 'INBOX' || expected === 'Junk') {
      expect(d.reject).toBeUndefined();
      expect(d.folder).toBe(expected);
    } else {
      expect(d.reject).toBeDefined();
      const reply = replyFor(d.reject!.key, d.reject!.vars);
      expect(`${reply.code} ${reply.enhanced}`).toBe(expected);
      expect(reply.lines.join(' ')).not.toMatch(/\{|\}/);
    }
    expect(d.why.en.length).toBeGreaterThan(10);
    expect(d.why.de.length).toBeGreaterThan(10);
  });
});

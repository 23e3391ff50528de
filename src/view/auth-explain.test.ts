import { describe, expect, it } from 'vitest';
import { defaultWorldPlan, simulate } from '../sim/index';
import { authChoices, authSections, latestCheckOf, resultStatus } from './auth-explain';

describe('the authentication explainer', () => {
  it('shows all checks passing in the default world', async () => {
    const run = await simulate({});
    if (!run.ok) throw new Error('run failed');
    const choices = authChoices(run.view.auth, run.trace);
    expect(choices.map((c) => c.msg)).toEqual(['m2', 'm1']);
    expect(choices[1]).toMatchObject({ msg: 'm1', subject: 'Hello Bob', outcome: 'INBOX', status: 'pass', mailFrom: 'alice@example.com' });
    const sections = authSections(run.view.auth[choices[1].index]);
    expect(sections.map((s) => [s.check, s.result, s.status])).toEqual([
      ['spf', 'pass', 'pass'], ['dkim', 'pass', 'pass'], ['dmarc', 'pass', 'pass'], ['dnsbl', 'not listed', 'pass'], ['spam', 'inbox', 'pass'],
    ]);
    expect(sections[0].steps.filter((s) => s.status === 'fail')).toEqual([]);
    expect(sections[0].steps.some((s) => s.depth === 1)).toBe(true);
  });

  it('highlights the SPF step that failed when example.com leaves out its relay', async () => {
    const zone = defaultWorldPlan().zones.find((z) => z.zone === 'example.com')!;
    const text = zone.text.replace(' include:_spf.example.net', '');
    const run = await simulate({ interventions: [{ at: 500, action: { do: 'set-zone', zone: 'example.com', text } }] });
    if (!run.ok) throw new Error('run failed');
    const choices = authChoices(run.view.auth, run.trace);
    const m1 = latestCheckOf(choices, 'm1')!;
    expect(m1.status).toBe('fail');
    const [spf, dkim, dmarc, , spam] = authSections(run.view.auth[m1.index]);
    expect(spf).toMatchObject({ result: 'fail', status: 'fail', domain: 'example.com' });
    const failed = spf.steps.filter((s) => s.status === 'fail');
    expect(failed.map((s) => s.label)).toEqual(['-all', 'result']);
    expect(failed[0].note.en).toMatch(/result fail/);
    expect(spf.steps.find((s) => s.label === 'ip4:192.0.2.25')?.status).toBe('info');
    expect(dkim.status).toBe('pass');
    expect(dmarc.status).toBe('pass');
    expect(spam.steps).toEqual([expect.objectContaining({ label: 'SPF_FAIL +3.5', status: 'fail' })]);
  });

  it('marks the DKIM step that broke when the key is missing', async () => {
    const run = await simulate({ faults: [{ kind: 'dkim-key-missing', target: 'example.com' }] });
    if (!run.ok) throw new Error('run failed');
    const choice = latestCheckOf(authChoices(run.view.auth, run.trace), 'm1')!;
    const dkim = authSections(run.view.auth[choice.index]).find((s) => s.check === 'dkim')!;
    expect(dkim.status).toBe('fail');
    expect(dkim.result).toBe('permerror');
    expect(dkim.steps.filter((s) => s.status === 'fail').map((s) => s.label)).toEqual(['dns']);
  });

  it('maps result words onto pass, fail and neutral', () => {
    expect(['pass', 'fail', 'softfail', 'none', 'neutral', 'permerror', 'temperror'].map(resultStatus)).toEqual(['pass', 'fail', 'fail', 'neutral', 'neutral', 'fail', 'fail']);
    expect(latestCheckOf([], undefined)).toBeUndefined();
  });
});

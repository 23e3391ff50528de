import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AuthEvent, MessageFate, TraceEvent } from '../kernel/trace';
import { loadScenario } from '../scenario/load';
import { harness } from './harness';
import { prepareWorld, simulate } from './simulate';
import { directSend, directSendFromSpec, type DirectMail } from './direct-send';
import type { World } from './world';

const LESSON = fileURLToPath(new URL('../../../lessons/spoofing/spoofing.yaml', import.meta.url));

const SPOOF: DirectMail = {
  host: 'mallory-pc', helo: 'mallory.example.net', to: ['bob@example.org'], mailFrom: 'alice@example.com',
  from: 'Alice <alice@example.com>', subject: 'Urgent: new bank account', body: 'Please pay today.\r\n',
};

const fateOf = (trace: readonly TraceEvent[], msg: string) => trace.find((e): e is MessageFate => e.type === 'message.fate' && e.id === msg);
const auth = (trace: readonly TraceEvent[], msg: string) =>
  Object.fromEntries(trace.filter((e): e is AuthEvent => e.type.startsWith('auth.') && (e as AuthEvent).msg === msg).map((e) => [e.type.slice(5), e]));

/** Runs the default world with one direct send at 5 s; returns the world and the message id. */
async function sendDirect(mail: DirectMail, before?: (w: World) => void): Promise<{ world: World; msg: string }> {
  const prepared = prepareWorld({});
  if (!prepared.ok) throw new Error('world did not build');
  const world = prepared.world;
  before?.(world);
  let msg = '';
  world.scheduler.at(5_000, () => (msg = directSend(world, mail)));
  await world.run(900_000);
  world.finish();
  return { world, msg };
}

describe('mallory sends straight to the MX, claiming to be alice@example.com', () => {
  it('is refused after DATA per example.com’s DMARC policy, and the trace says why', async () => {
    const { world, msg } = await sendDirect(SPOOF);
    const trace = world.trace.events;
    expect(fateOf(trace, msg)).toMatchObject({ fate: 'rejected', code: 550, enhanced: '5.7.1', reason: 'rejected by DMARC policy for example.com' });
    const a = auth(trace, msg);
    expect(a.spf).toMatchObject({ result: 'fail', domain: 'example.com', host: 'mx1.example.org' });
    expect(a.dkim).toMatchObject({ result: 'none' });
    expect(a.dmarc).toMatchObject({ result: 'fail', domain: 'example.com', reason: expect.stringMatching(/^p=reject dis=reject; SPF not aligned, DKIM not aligned/) });
    expect(trace.some((e) => e.type === 'smtp.reply' && e.from === 'mx1.example.org' && e.to === 'mallory-pc' && e.line === '550 5.7.1 rejected by DMARC policy for example.com')).toBe(true);
    const [check] = world.authLog.forMessage(msg);
    expect(check.spf.steps.at(-1)).toMatchObject({ kind: 'result' });
    expect(check.spf.mechanism).toBe('-all');
    expect(check.dmarc).toMatchObject({ spfAligned: false, dkimAligned: false, disposition: 'reject' });
    expect(check.verdict.reply).toMatchObject({ code: 550, enhanced: '5.7.1' });
    // Nothing reached bob.
    expect(world.view().mailboxes.find((b) => b.address === 'bob@example.org')!.folders.every((f) => f.messages.every((m) => m.msg !== msg))).toBe(true);
  });

  it('lands in Junk when example.com only asks for quarantine', async () => {
    const { world, msg } = await sendDirect(SPOOF, (w) => w.scheduler.at(0, () => {
      const z = w.dns.zoneText('example.com').replace('p=reject', 'p=quarantine');
      w.dns.loadZone('example.com', 'ns.example.com', z);
    }));
    expect(fateOf(world.trace.events, msg)).toMatchObject({ fate: 'delivered', folder: 'Junk' });
  });

  it('is refused at RCPT when the sending address is on a block list (dnsbl-listed)', async () => {
    const { world, msg } = await sendDirect(SPOOF, (w) => w.injectFault({ kind: 'dnsbl-listed', target: 'mallory-pc', from: 0 }));
    expect(fateOf(world.trace.events, msg)).toMatchObject({ fate: 'rejected', code: 554, enhanced: '5.7.1', reason: 'Service unavailable; Client host [198.51.100.66] blocked using dnsbl.example.net' });
    expect(world.trace.events.some((e) => e.type === 'smtp.command' && e.conn && e.line === 'DATA' && e.from === 'mallory-pc')).toBe(false);
  });
});

describe('a home computer sending straight to an MX', () => {
  it('is refused at RCPT: dynamic home ranges are listed in dnsbl.example.net', async () => {
    const { world, msg } = await sendDirect({ ...SPOOF, host: 'alice-pc', helo: 'alice-pc', subject: 'From my own server' });
    expect(fateOf(world.trace.events, msg)).toMatchObject({ fate: 'rejected', code: 554, enhanced: '5.7.1' });
    expect(world.trace.events.some((e) => e.type === 'dns.query' && e.name === '10.113.0.203.dnsbl.example.net')).toBe(true);
    expect(world.trace.events.some((e) => e.type === 'auth.spam' && e.host === 'mx1.example.org' && e.domain === 'dnsbl.example.net' && e.result === 'reject')).toBe(true);
  });
});

describe('directSendFromSpec and startDirectSend (scenario `send` with `via: direct`)', () => {
  it('start a direct send from a spec at its time', async () => {
    const h = harness();
    const world = await h;
    const planned = directSendFromSpec({ at: 2_000, from: 'alice@example.com', to: ['carol@example.org'], subject: 'Spoof', host: 'mallory-pc', heloAs: 'example.com' });
    expect(planned.at).toBe(2_000);
    world.scheduler.at(planned.at, () => planned.start(world));
    await h.settle('1h');
    const submit = world.trace.events.find((e) => e.type === 'mail.submit' && e.host === 'mallory-pc');
    expect(submit).toBeDefined();
    expect(world.trace.events.some((e) => e.type === 'smtp.command' && e.from === 'mallory-pc' && e.line === 'EHLO example.com')).toBe(true);
    expect(world.trace.events.some((e) => e.type === 'smtp.reply' && e.to === 'mallory-pc' && e.line === '550 5.7.1 rejected by DMARC policy for example.com')).toBe(true);
  });

  it('report a host that does not exist instead of failing', async () => {
    const world = await harness();
    directSendFromSpec({ from: 'x@example.net', to: ['bob@example.org'], subject: 's', host: 'nowhere' }).start(world);
    expect(world.trace.events.at(-1)).toMatchObject({ type: 'mail.error', reason: expect.stringMatching(/no host nowhere/) });
  });

  it('run the spoofing lesson: the forgery is rejected, the real mail passes', async () => {
    const text = readFileSync(LESSON, 'utf8');
    const loaded = loadScenario(text, 'spoofing.yaml');
    expect(loaded.ok).toBe(true);
    {
      const r = await simulate({ scenarioText: text, scenarioFile: 'spoofing.yaml' });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const fates = r.trace.filter((e): e is MessageFate => e.type === 'message.fate');
      expect(fates.map((f) => [f.from, f.fate, f.folder ?? f.code])).toEqual([
        ['alice@example.com', 'delivered', 'INBOX'],
        ['alice@example.com', 'rejected', 550],
      ]);
      const spoof = fates[1].id;
      expect(Object.values(auth(r.trace, spoof)).map((e) => `${e.type}=${e.result}`)).toEqual(['auth.spf=fail', 'auth.dkim=none', 'auth.dmarc=fail', 'auth.spam=junk']);
    }
  });
});

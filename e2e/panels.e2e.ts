/**
 * End-to-end: the panels of issues 4–6 in headless Chromium against the built site (dist/).
 * A fault injected during playback changes what happens next (busy mx1 ⇒ 421, mx2 tried), the
 * queue recovers on the next retry once faults are removed, a whole SMTP session typed by hand in
 * the console delivers a mail, and an SPF record without the relay makes the next mail fail SPF
 * with the failing step shown in the explainer. Screenshots go to e2e/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, serveStatic, type StaticSite } from './static-server';

const SHOTS = join(import.meta.dirname, 'screenshots');

let site: StaticSite;
let context: BrowserContext;
let page: Page;
let profile: string;
const pageErrors: string[] = [];

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** fresh loads the page anew: a new session with no interventions. */
async function fresh(): Promise<void> {
  await page.goto(site.url);
  await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).isEnabled(), { timeout: 30_000 }).toBe(true);
}

/** clock reads the playback clock in virtual milliseconds. */
async function clock(): Promise<number> {
  const text = (await page.locator('.clock strong').textContent()) ?? '';
  const m = /(?:(\d+) \S+ )?(\d+):(\d\d):(\d\d)(?:\.(\d\d\d))?/.exec(text);
  if (!m) return NaN;
  return (((Number(m[1] ?? 0) * 24 + Number(m[2])) * 60 + Number(m[3])) * 60 + Number(m[4])) * 1000 + Number(m[5] ?? 0);
}

/** seek moves the timeline slider to virtual time `t` (or its end with `Infinity`). */
async function seek(t: number): Promise<void> {
  await page.getByRole('slider', { name: 'Timeline' }).evaluate((el, to) => {
    const input = el as HTMLInputElement;
    input.value = String(Number.isFinite(to) ? to : Number(input.max));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, t);
}

async function openTab(name: string): Promise<Locator> {
  await page.getByRole('tab', { name, exact: true }).click();
  const panel = page.getByRole('tabpanel');
  await expect.poll(() => panel.getByRole('heading').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  return panel;
}

async function pause(): Promise<void> {
  const button = page.getByRole('button', { name: 'Pause', exact: true });
  if (await button.count()) await button.click();
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  site = await serveStatic(join(import.meta.dirname, '..', 'dist'));
  profile = await mkdtemp(join(tmpdir(), 'smtp-lab-e2e-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 1600, height: 900 },
    locale: 'en-GB',
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  await context?.close();
  await site?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

describe('faults and the queue', () => {
  it('a fault injected during playback changes what happens next: busy mx1 ⇒ 421, then mx2', async () => {
    await fresh();
    const faults = await openTab('Faults');
    await faults.getByLabel('Target').selectOption('mx1.example.org');
    await faults.getByLabel('Fault', { exact: true }).selectOption('busy');
    expect(await faults.getByText('What it teaches').count()).toBe(1);
    await page.getByLabel('Speed').selectOption({ label: '0.25×' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    // alice's first mail is composed at 1 s; the relay tries mx1 at about 1.9 s.
    await expect.poll(clock, { timeout: 20_000, interval: 40 }).toBeGreaterThan(1050);
    await faults.getByRole('button', { name: /Apply now/ }).click();
    const applied = faults.getByRole('status').filter({ hasText: 'Server busy on mx1.example.org' });
    await expect.poll(() => applied.count(), { timeout: 15_000 }).toBe(1);
    const at = /from (\d+):(\d\d):(\d\d)\.(\d\d\d)/.exec((await applied.textContent()) ?? '');
    expect(at).not.toBeNull();
    expect(Number(at![4]) + Number(at![3]) * 1000).toBeLessThan(1900);
    // The network view marks the host while playback goes on.
    await expect.poll(() => page.locator('svg .nv-fault-label').allTextContents(), { timeout: 15_000 }).toContainEqual(expect.stringMatching(/BUSY/));
    expect(await page.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    await shot('panels-01-fault-injected');

    await expect.poll(clock, { timeout: 30_000, interval: 100 }).toBeGreaterThan(3000);
    await pause();
    const queue = await openTab('Queue');
    const relay = queue.getByRole('article', { name: 'relay.example.net' });
    await expect.poll(() => relay.textContent(), { timeout: 15_000 }).toMatch(/to mx2\.example\.org/);
    const attempts = (await relay.locator('.attempts li').allTextContents()).map((l) => l.replace(/\s+/g, ' '));
    const first = attempts.findIndex((l) => /to mx1\.example\.org — deferred/.test(l));
    expect(first).toBeGreaterThanOrEqual(0);
    expect(attempts[first]).toMatch(/421 4\.3\.2/);
    expect(attempts[first]).toMatch(/Next: the next MX server, right away/);
    expect(attempts[first]).toMatch(/Meaning.*Likely cause.*How to fix/);
    expect(attempts.findIndex((l) => /to mx2\.example\.org — accepted/.test(l))).toBeGreaterThan(first);
    await shot('panels-02-queue-421-next-mx');
    // The transcript of the relay's connection to mx1 shows the 421 itself.
    await page.getByRole('tab', { name: 'Events', exact: true }).click();
    expect(await page.getByRole('tabpanel').textContent()).toMatch(/421 4\.3\.2/);
  }, 120_000);

  it('removing the faults lets the queue recover on the next retry', async () => {
    await fresh();
    const faults = await openTab('Faults');
    for (const host of ['mx1.example.org', 'mx2.example.org']) {
      await faults.getByLabel('Target').selectOption(host);
      await faults.getByRole('button', { name: /Apply now/ }).click();
      await expect.poll(() => faults.getByRole('status').filter({ hasText: `Server busy on ${host}` }).count(), { timeout: 15_000 }).toBe(1);
    }
    await seek(120_000);
    const queue = await openTab('Queue');
    const relay = queue.getByRole('article', { name: 'relay.example.net' });
    await expect.poll(() => relay.textContent(), { timeout: 15_000 }).toMatch(/waiting in the queue/);
    expect(await relay.textContent()).toMatch(/Next retry at 0:10:00/);
    await shot('panels-03-queue-waiting');

    const list = await openTab('Faults');
    await expect.poll(() => list.getByRole('button', { name: /Remove the fault/ }).count(), { timeout: 15_000 }).toBe(2);
    for (const host of ['mx1.example.org', 'mx2.example.org']) {
      await list.getByRole('button', { name: `Remove the fault “Server busy” on ${host}` }).click();
      await expect.poll(() => list.getByRole('status').filter({ hasText: `on ${host} removed` }).count(), { timeout: 15_000 }).toBe(1);
    }
    await shot('panels-04-faults-removed');
    await seek(700_000);
    const after = await openTab('Queue');
    const story = after.getByRole('article', { name: 'relay.example.net' }).locator('.story').filter({ hasText: 'm1' });
    await expect.poll(() => story.textContent(), { timeout: 15_000 }).toMatch(/handed on/);
    const lines = (await story.locator('.attempts li').allTextContents()).map((l) => l.replace(/\s+/g, ' '));
    expect(lines.at(-1)).toMatch(/Attempt 2 · 0:10:00\.\d+ · to mx1\.example\.org — accepted/);
    await shot('panels-05-queue-recovered');
  }, 120_000);

  it('"Retry now" tries a waiting message at once, like postqueue -f', async () => {
    await fresh();
    const faults = await openTab('Faults');
    await faults.getByLabel('Target').selectOption('mx1.example.org');
    await faults.getByLabel('For how long').fill('3m');
    await faults.getByRole('button', { name: /Apply now/ }).click();
    await expect.poll(() => faults.getByRole('status').count(), { timeout: 15_000 }).toBe(1);
    await faults.getByLabel('Target').selectOption('mx2.example.org');
    await faults.getByLabel('For how long').fill('3m');
    await faults.getByRole('button', { name: /Apply now/ }).click();
    await expect.poll(() => faults.getByRole('status').filter({ hasText: 'mx2.example.org' }).count(), { timeout: 15_000 }).toBe(1);
    await seek(240_000);
    const queue = await openTab('Queue');
    const relay = queue.getByRole('article', { name: 'relay.example.net' });
    await expect.poll(() => relay.textContent(), { timeout: 15_000 }).toMatch(/2 waiting/);
    await relay.getByRole('button', { name: 'Try m1 at relay.example.net again now' }).click();
    await expect.poll(() => queue.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/Retry requested at 0:04:00/);
    await seek(250_000);
    const story = relay.locator('.story').filter({ hasText: 'm1' });
    await expect.poll(() => story.textContent(), { timeout: 15_000 }).toMatch(/handed on/);
    const lines = (await story.locator('.attempts li').allTextContents()).map((l) => l.replace(/\s+/g, ' '));
    expect(lines.at(-1)).toMatch(/Attempt 2 · 0:04:00\.\d+ · to mx1\.example\.org — accepted/);
    // m2 still waits for its scheduled retry; flushing the queue sends it too.
    await relay.getByRole('button', { name: /Flush the queue of relay\.example\.net/ }).click();
    await seek(260_000);
    await expect.poll(() => relay.textContent(), { timeout: 15_000 }).toMatch(/0 waiting/);
    await shot('panels-06-queue-retried');
  }, 120_000);
});

describe('the protocol console', () => {
  it('a whole SMTP session typed by hand to smtp.example.com:587 delivers the mail', async () => {
    await fresh();
    const panel = await openTab('Console');
    await panel.getByLabel('Server').selectOption('smtp.example.com');
    await panel.getByRole('button', { name: /^587/ }).click();
    await panel.getByRole('button', { name: 'Connect', exact: true }).click();
    const log = panel.getByRole('log');
    const input = panel.getByLabel('Command to send');
    const serverLines = async () => (await log.locator('.line.S .text').allTextContents()).map((l) => l.trim());
    await expect.poll(serverLines, { timeout: 20_000 }).toContain('220 smtp.example.com ESMTP Postfix');

    /** send types a line, presses Enter and waits until the last server line matches. */
    const send = async (line: string, reply?: RegExp) => {
      const before = (await serverLines()).length;
      await input.fill(line);
      await input.press('Enter');
      if (!reply) {
        await expect.poll(async () => (await log.locator('.line.C .text').allTextContents()).at(-1), { timeout: 20_000 }).toBe(line === '' ? '⏎' : line);
        return;
      }
      await expect.poll(async () => { const s = await serverLines(); return s.length > before ? s.at(-1) : ''; }, { timeout: 20_000 }).toMatch(reply);
    };

    await send('EHLO alice-pc', /^250 /);
    expect(await serverLines()).toContain('250-STARTTLS');
    // Tab completes the verb.
    await input.fill('STAR');
    await input.press('Tab');
    expect(await input.inputValue()).toBe('STARTTLS');
    await input.press('Enter');
    await expect.poll(async () => (await serverLines()).at(-1), { timeout: 20_000 }).toBe('220 2.0.0 Ready to start TLS');
    const tls = panel.getByRole('button', { name: 'Start TLS handshake' });
    await expect.poll(() => tls.isEnabled(), { timeout: 10_000 }).toBe(true);
    await tls.click();
    await expect.poll(() => log.textContent(), { timeout: 20_000 }).toMatch(/TLS established/);
    await send('EHLO alice-pc', /^250 /);
    expect(await serverLines()).toContain('250-AUTH PLAIN LOGIN');
    await panel.getByText('Encode AUTH PLAIN').click();
    await panel.getByRole('button', { name: 'Put into the command line' }).click();
    expect(await input.inputValue()).toBe('AUTH PLAIN AGFsaWNlQGV4YW1wbGUuY29tAGFsaWNlLXNlY3JldA==');
    await input.press('Enter');
    await expect.poll(async () => (await serverLines()).at(-1), { timeout: 20_000 }).toBe('235 2.7.0 Authentication successful');
    await send('MAIL FROM:<alice@example.com>', /^250 2\.1\.0/);
    await send('RCPT TO:<bob@example.org>', /^250 2\.1\.5/);
    await send('DATA', /^354 /);
    expect(await panel.getByText(/You are writing the message/).count()).toBe(1);
    for (const line of ['From: alice@example.com', 'To: bob@example.org', 'Subject: Typed by hand', '', 'Hello Bob, I typed this mail myself.']) await send(line);
    await send('.', /^250 2\.0\.0 Ok: queued as [0-9A-F]+$/);
    // ↑ brings back the last line typed.
    await input.press('ArrowUp');
    expect(await input.inputValue()).toBe('.');
    await send('QUIT', /^221 2\.0\.0 Bye$/);
    await expect.poll(() => log.textContent(), { timeout: 10_000 }).toMatch(/Connection closed by smtp\.example\.com/);
    await log.getByRole('button', { name: /Explain reply 235/ }).click();
    await expect.poll(() => log.getByRole('note').textContent(), { timeout: 10_000 }).toMatch(/235 2\.7\.0/);
    await shot('panels-07-console-session');

    // Play on: the mail travels through the relay and the MX into bob's mailbox.
    await page.getByLabel('Speed').selectOption({ label: '1 min per second' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.getByRole('tab', { name: 'Mail', exact: true }).click();
    await page.getByRole('group', { name: 'Mail programs' }).getByRole('button', { name: /bob-phone/ }).click();
    await page.getByRole('navigation', { name: 'Mail program sections' }).getByRole('button', { name: /^Inbox/ }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Inbox of bob@example.org' }).textContent(), { timeout: 60_000, interval: 250 }).toMatch(/Typed by hand/);
    await pause();
    await shot('panels-08-console-mail-delivered');
  }, 180_000);
});

describe('DNS editor and sender checks', () => {
  it('an SPF record without the relay makes the next mail fail SPF, and the explainer shows the failing step', async () => {
    await fresh();
    // Let the default mails arrive first (with SPF pass), then change the record.
    await seek(Infinity);
    const dns = await openTab('DNS');
    await dns.getByRole('button', { name: 'example.com', exact: true }).click();
    const editor = dns.getByRole('textbox', { name: 'Zone file of example.com' });
    const text = await editor.inputValue();
    expect(text).toContain('include:_spf.example.net');
    await editor.fill(text.replace(' include:_spf.example.net', ''));
    await expect.poll(() => dns.textContent()).toMatch(/The zone file is valid/);
    expect(await dns.textContent()).toMatch(/0 of at most 10 DNS lookups/);
    // A typo is located at once, in the current language.
    await editor.fill(text.replace('IN MX 10 smtp', 'IN MX smtp'));
    await expect.poll(() => dns.textContent()).toMatch(/1 error\(s\)/);
    expect(await dns.getByRole('button', { name: /Go to line 4/ }).count()).toBe(1);
    await shot('panels-09-dns-error-located');
    await editor.fill(text.replace(' include:_spf.example.net', ''));
    await dns.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => dns.getByRole('status').filter({ hasText: 'example.com published' }).count(), { timeout: 15_000 }).toBe(1);
    await shot('panels-10-dns-published');

    await page.getByRole('tab', { name: 'Mail', exact: true }).click();
    await page.getByRole('group', { name: 'Mail programs' }).getByRole('button', { name: /alice-pc/ }).click();
    await page.getByRole('navigation', { name: 'Mail program sections' }).getByRole('button', { name: 'Write' }).click();
    await page.getByLabel('To', { exact: true }).fill('bob@example.org');
    await page.getByLabel('Subject', { exact: true }).fill('After the SPF change');
    await page.getByLabel('Message', { exact: true }).fill('Does this still pass SPF?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Sent to bob@example.org' }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByLabel('Speed').selectOption({ label: '1 min per second' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();

    const auth = await openTab('Sender checks');
    const picker = auth.getByLabel('Checked message');
    await expect.poll(async () => (await picker.locator('option').allTextContents()).join('\n'), { timeout: 60_000, interval: 250 }).toMatch(/After the SPF change/);
    await pause();
    const option = await picker.locator('option', { hasText: 'After the SPF change' }).getAttribute('value');
    await picker.selectOption(option!);
    const spf = auth.getByRole('region', { name: /SPF: may this server send for example\.com/ });
    expect(await spf.locator('.badge').textContent()).toMatch(/✗ FAIL/);
    const failed = (await spf.locator('.step.fail').allTextContents()).map((l) => l.replace(/\s+/g, ' '));
    expect(failed[0]).toMatch(/This step failed: -all .*result fail/);
    expect(await auth.locator('pre').first().textContent()).toMatch(/spf=fail smtp\.mailfrom=example\.com/);
    await shot('panels-11-auth-spf-fail');
    // The mails from before the change passed.
    const before = await picker.locator('option', { hasText: 'Hello Bob' }).getAttribute('value');
    await picker.selectOption(before!);
    expect(await auth.getByRole('region', { name: /SPF: may this server send/ }).locator('.badge').textContent()).toMatch(/✓ PASS/);
  }, 180_000);

  it('generates a DKIM key pair in the page, publishes it and lets the server sign with it', async () => {
    await fresh();
    await seek(Infinity);
    const dns = await openTab('DNS');
    await dns.getByRole('button', { name: 'example.com', exact: true }).click();
    expect(await dns.getByLabel('Selector').inputValue()).toBe('s2027');
    await dns.getByRole('button', { name: 'Generate DKIM key pair' }).click();
    await expect.poll(() => dns.locator('pre.txt').first().textContent(), { timeout: 30_000 }).toMatch(/^v=DKIM1; k=rsa; p=MII/);
    expect(await dns.textContent()).toMatch(/breaks DKIM/);
    await dns.getByRole('button', { name: 'Put the record into the zone file' }).click();
    await expect.poll(() => dns.textContent(), { timeout: 15_000 }).toMatch(/The public key is a valid 2048-bit RSA key/);
    expect(await dns.textContent()).toMatch(/The zone file is valid/);
    await dns.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => dns.getByRole('status').filter({ hasText: 'example.com published' }).count(), { timeout: 15_000 }).toBe(1);
    await dns.getByRole('button', { name: /Let smtp\.example\.com sign with the new key/ }).click();
    await expect.poll(() => dns.getByRole('status').filter({ hasText: 'signs with the new key' }).count(), { timeout: 15_000 }).toBe(1);
    await shot('panels-12-dkim-rotated');

    await page.getByRole('tab', { name: 'Mail', exact: true }).click();
    await page.getByRole('group', { name: 'Mail programs' }).getByRole('button', { name: /alice-pc/ }).click();
    await page.getByRole('navigation', { name: 'Mail program sections' }).getByRole('button', { name: 'Write' }).click();
    await page.getByLabel('To', { exact: true }).fill('bob@example.org');
    await page.getByLabel('Subject', { exact: true }).fill('Signed with the new key');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByLabel('Speed').selectOption({ label: '1 min per second' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const auth = await openTab('Sender checks');
    const picker = auth.getByLabel('Checked message');
    await expect.poll(async () => (await picker.locator('option').allTextContents()).join('\n'), { timeout: 60_000, interval: 250 }).toMatch(/Signed with the new key/);
    await pause();
    await picker.selectOption((await picker.locator('option', { hasText: 'Signed with the new key' }).getAttribute('value'))!);
    const dkim = auth.getByRole('region', { name: /DKIM: is the signature of example\.com valid/ });
    expect(await dkim.locator('.badge').textContent()).toMatch(/✓ PASS/);
    expect(await dkim.textContent()).toMatch(/s=s2027/);
  }, 180_000);

  it('shows the panels in German', async () => {
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.getByRole('tab', { name: 'Absenderprüfung', exact: true }).click();
    await expect.poll(() => page.getByRole('tabpanel').textContent(), { timeout: 15_000 }).toMatch(/Wie der empfangende Server den Absender geprüft hat/);
    await shot('panels-13-auth-deutsch');
    await page.getByRole('tab', { name: 'Störungen', exact: true }).click();
    await expect.poll(() => page.getByRole('tabpanel').textContent(), { timeout: 15_000 }).toMatch(/Was soll ausfallen\?/);
    await shot('panels-14-faults-deutsch');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

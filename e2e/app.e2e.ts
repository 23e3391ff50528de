/**
 * End-to-end: the built site (dist/, from `npm run build`) in headless Chromium. Load the app,
 * press Play, see both mails arrive in bob's and carol's inboxes, read the SMTP dialogue in a
 * transcript, step back and forward, switch to German. Screenshots go to e2e/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
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

/** eventNumber reads "event N of M" from the playback bar. */
async function eventNumber(): Promise<number> {
  const text = (await page.locator('.clock .count').textContent()) ?? '';
  return Number(/(\d+)/.exec(text)?.[1] ?? NaN);
}

async function openInbox(clientHost: string, address: string): Promise<void> {
  await page.getByRole('group', { name: 'Mail programs' }).getByRole('button', { name: new RegExp(clientHost) }).click();
  await page.getByRole('navigation', { name: 'Mail program sections' }).getByRole('button', { name: /^Inbox/ }).click();
  await expect.poll(() => page.getByRole('list', { name: `Inbox of ${address}` }).getByRole('listitem').count(), { timeout: 60_000, interval: 250 }).toBeGreaterThan(0);
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

describe('SMTP Lab in the browser', () => {
  it('loads the default world ready to play', async () => {
    await page.goto(site.url);
    const play = page.getByRole('button', { name: 'Play', exact: true });
    await expect.poll(() => play.isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await page.locator('svg .nv-host').count()).toBeGreaterThan(5);
    expect(await page.getByRole('group', { name: /Network view/ }).count()).toBe(1);
    await shot('01-loaded');
  });

  it('plays, and both mails arrive in bob’s and carol’s inboxes', async () => {
    await page.getByLabel('Speed').selectOption({ label: '1× (real time)' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    await page.waitForTimeout(400);
    await shot('02-playing');
    await page.getByLabel('Speed').selectOption({ label: '1 min per second' });
    await page.getByRole('tab', { name: 'Mail' }).click();
    await openInbox('bob-phone', 'bob@example.org');
    await shot('03-bob-inbox');
    await openInbox('carol-pc', 'carol@example.org');
    await shot('04-carol-inbox');
    await page.getByRole('list', { name: 'Inbox of carol@example.org' }).getByRole('button').first().click();
    await page.getByRole('button', { name: 'Show original' }).click();
    expect(await page.getByLabel('Original message with all header fields').textContent()).toMatch(/Received: /);
    await shot('05-show-original');
  });

  it('shows the SMTP dialogue with EHLO, STARTTLS, AUTH and the 250 after DATA', async () => {
    await page.getByRole('button', { name: 'Pause', exact: true }).click({ timeout: 2000 }).catch(() => undefined);
    await page.getByRole('tab', { name: 'Transcript' }).click();
    const picker = page.getByLabel('Connection', { exact: true });
    const submission = await picker.locator('option', { hasText: ':587' }).first().getAttribute('value');
    await picker.selectOption(submission!);
    const log = page.getByRole('log', { name: 'Dialogue' });
    await expect.poll(async () => (await log.textContent()) ?? '', { timeout: 30_000 }).toMatch(/250 2\.0\.0/);
    const lines = (await log.locator('.line').allTextContents()).map((l) => l.replace(/\s+/g, ' ').trim());
    const find = (re: RegExp) => lines.findIndex((l) => re.test(l));
    expect(find(/C: EHLO /)).toBeGreaterThanOrEqual(0);
    expect(find(/C: STARTTLS/)).toBeGreaterThan(find(/C: EHLO /));
    expect(find(/C: AUTH /)).toBeGreaterThan(find(/C: STARTTLS/));
    const data = find(/C: DATA$/);
    expect(data).toBeGreaterThan(find(/C: AUTH /));
    const after = lines.slice(data + 1);
    expect(after.some((l) => /S: 250 /.test(l))).toBe(true);
    await log.getByRole('button', { name: /Explain reply 250/ }).first().click();
    await expect.poll(() => page.getByRole('note').first().textContent()).toMatch(/250/);
    await shot('06-transcript');
  });

  it('steps back and forward through the events', async () => {
    const before = await eventNumber();
    await page.getByRole('button', { name: 'Step back', exact: true }).click();
    expect(await eventNumber()).toBe(before - 1);
    await page.getByRole('button', { name: 'Step back', exact: true }).click();
    expect(await eventNumber()).toBe(before - 2);
    await page.getByRole('button', { name: 'Step forward', exact: true }).click();
    expect(await eventNumber()).toBe(before - 1);
    await page.keyboard.press('ArrowRight');
    expect(await eventNumber()).toBe(before);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    expect(await eventNumber()).toBe(0);
    for (let i = 0; i < 12; i++) await page.getByRole('button', { name: 'Step forward', exact: true }).click();
    expect(await eventNumber()).toBe(12);
    await page.getByRole('tab', { name: 'Events' }).click();
    await shot('07-stepped');
  });

  it('switches to German and remembers it', async () => {
    await page.getByRole('button', { name: 'Deutsch' }).click();
    expect(await page.getByRole('button', { name: 'Abspielen', exact: true }).count()).toBe(1);
    expect(await page.getByRole('tab', { name: 'Mitschrift' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    await page.getByRole('tab', { name: 'E-Mail' }).click();
    await shot('08-deutsch');
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Abspielen', exact: true }).count(), { timeout: 30_000 }).toBe(1);
  });

  it('exports the trace, the view as SVG and PNG, and a message as .eml', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).isEnabled(), { timeout: 30_000 }).toBe(true);
    const save = async (item: RegExp) => {
      await page.locator('summary', { hasText: 'Export' }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: item }).click()]);
      return download;
    };
    const jsonl = await save(/Trace as JSON lines/);
    expect(jsonl.suggestedFilename()).toBe('smtp-lab-trace.jsonl');
    const lines = (await readFile((await jsonl.path())!, 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[0]).type).toBe('world.start');
    const svg = await save(/Network view as SVG/);
    expect(await readFile((await svg.path())!, 'utf8')).toMatch(/<svg[^>]*viewBox/);
    const png = await save(/Network view as PNG/);
    expect((await readFile((await png.path())!)).subarray(1, 4).toString()).toBe('PNG');
    // Choose the DATA event, which carries the message, from the event list.
    await page.getByRole('tab', { name: 'Events' }).click();
    await page.getByLabel('show upcoming events').check();
    await page.getByRole('button', { name: /message content/ }).first().click();
    const eml = await save(/Message as \.eml/);
    expect(await readFile((await eml.path())!, 'utf8')).toMatch(/^[\s\S]*Subject: /m);
  });

  it('keeps the page usable and says so when the core fails', async () => {
    const errors = pageErrors.length;
    await page.goto(`${site.url}?fixture=crash`);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.first().textContent(), { timeout: 30_000 }).toMatch(/The simulation failed/);
    expect(await page.getByRole('tab', { name: 'Transcript' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Deutsch' }).click();
    expect(await alert.first().textContent()).toMatch(/Die Simulation ist fehlgeschlagen/);
    await shot('09-core-failed');
    await page.getByRole('button', { name: 'English' }).click();
    expect(pageErrors.length).toBe(errors);
  });

  it('threw no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

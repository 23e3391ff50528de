/**
 * End-to-end: lessons, the scenario editor and instructor mode in the built site (dist/, from
 * `npx vite build`) in headless Chromium. A student completes "Follow one mail" — multiple choice
 * and predict-then-reveal questions, tasks ticked by their checks — reloads in the middle and
 * resumes, reads it in German; a scenario written by hand with a scheduled fault and a goal runs,
 * grades and reopens identically from its share link; damaged stored progress and bad links get a
 * clear notice and no crash; nothing from a link runs as script. Screenshots go to e2e/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { compressToEncodedURIComponent } from 'lz-string';
import { parse } from 'yaml';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, serveStatic, type StaticSite } from './static-server';

const SHOTS = join(import.meta.dirname, 'screenshots');
const LESSON = join(import.meta.dirname, '..', 'lessons', 'follow-one-mail', 'steps.yaml');

interface StepDoc {
  id: string;
  actions?: Record<string, unknown>[];
  tasks?: { id: string }[];
  questions?: { id: string; answer: number | number[]; before?: unknown; options: unknown[] }[];
}

/** A scenario typed by hand: both MX hosts busy for ten minutes (a scheduled fault), and goals. */
const HAND_WRITTEN = `title:
  en: Busy for ten minutes
  de: Zehn Minuten ausgelastet
description: The MX hosts are **busy** at first; the relay retries.
until: 1h
hosts:
  relay.example.net:
    queue: { retry: [5m, 10m] }
send:
  - { id: hi, at: 1s, from: alice@example.com, to: bob@example.org, subject: Hi Bob }
faults:
  - { kind: busy, target: mx1.example.org, from: 0s, for: 10m }
  - { kind: busy, target: mx2.example.org, from: 0s, for: 10m }
goals:
  - id: saw-421
    title: { en: The relay meets a 421, de: Das Relay bekommt ein 421 }
    check: { reply: { code: 421, at: mx1.example.org } }
  - id: delivered
    title: { en: Bob gets the mail, de: Bob bekommt die Mail }
    check: { fate: delivered, message: hi, folder: INBOX }
    points: 2
`;

let site: StaticSite;
let context: BrowserContext;
let page: Page;
let profile: string;
const pageErrors: string[] = [];

async function shot(name: string, p: Page = page): Promise<void> {
  await p.screenshot({ path: join(SHOTS, `${name}.png`) });
}

function watch(p: Page): Page {
  p.on('pageerror', (err) => pageErrors.push(err.message));
  return p;
}

async function eventNumber(p: Page = page): Promise<number> {
  const text = (await p.locator('.clock .count').textContent()) ?? '';
  return Number(/(\d+)/.exec(text)?.[1] ?? NaN);
}

async function eventTotal(p: Page = page): Promise<number> {
  const text = (await p.locator('.clock .count').textContent()) ?? '';
  return Number(/(\d+)\D+(\d+)/.exec(text)?.[2] ?? NaN);
}

async function ready(p: Page = page): Promise<void> {
  await expect.poll(() => p.getByRole('button', { name: /^(Play|Abspielen|Pause)$/ }).first().isEnabled(), { timeout: 30_000 }).toBe(true);
}

/** play presses Play unless playback is running already. */
async function play(p: Page = page): Promise<void> {
  const button = p.getByRole('button', { name: 'Play', exact: true });
  if (await button.count()) await button.click();
}

/** openPane opens a workbench pane by its header button (which toggles), unless it is open. */
async function openPane(name: 'Lessons' | 'Scenario editor' | 'Results', p: Page = page): Promise<void> {
  const button = p.getByRole('button', { name, exact: true });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
}

function questionCard(id: string): Locator {
  return page.locator('form.question', { has: page.locator(`[id="q-${id}-prompt"]`) });
}

async function stepHeading(): Promise<string> {
  return ((await page.locator('#step-heading').textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** doStep works through one step as a student: play where the lesson waits, answer, wait for the tasks. */
async function doStep(steps: StepDoc[], i: number, wrong: Set<string>): Promise<void> {
  const step = steps[i];
  await expect.poll(stepHeading, { timeout: 20_000 }).toContain(`Step ${i + 1} of ${steps.length}`);
  if (step.actions?.some((a) => 'playUntil' in a || 'play' in a)) {
    await play();
    await expect.poll(() => page.locator('.step .waiting').count(), { timeout: 60_000 }).toBe(0);
  }
  for (const q of step.questions ?? []) {
    const card = questionCard(q.id);
    const right = typeof q.answer === 'number' ? [q.answer] : q.answer;
    const choice = wrong.has(q.id) ? [right[0] === 1 ? 2 : 1] : right;
    if (q.before) {
      await expect.poll(async () => (await card.textContent()) ?? '', { timeout: 30_000 }).toMatch(/Press Play|stopped just before/);
      if (!/stopped just before/.test((await card.textContent()) ?? '')) await play();
      await expect.poll(() => card.getAttribute('class'), { timeout: 60_000 }).toContain('ready');
      const before = await eventNumber();
      for (const c of choice) await card.getByRole('radio').nth(c - 1).check();
      await card.getByRole('button', { name: 'Lock in and reveal' }).click();
      // The reveal shows exactly the event the student predicted.
      await expect.poll(() => eventNumber()).toBe(before + 1);
    } else {
      for (const c of choice) await card.getByRole('radio').nth(c - 1).check();
      await card.getByRole('button', { name: 'Check answer' }).click();
    }
    await expect.poll(async () => (await card.textContent()) ?? '').toMatch(wrong.has(q.id) ? /Not quite/ : /Right!/);
  }
  for (const task of step.tasks ?? []) {
    void task;
    await expect
      .poll(
        async () => {
          const open = await page.locator('.step .tasks li:not(.done)').count();
          if (open) await play();
          return open;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(0);
  }
  await expect.poll(async () => (await page.locator('.step .next').textContent()) ?? '', { timeout: 20_000 }).toMatch(/complete/);
  if (i < steps.length - 1) await page.getByRole('button', { name: 'Next step' }).click();
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  site = await serveStatic(join(import.meta.dirname, '..', 'dist'));
  profile = await mkdtemp(join(tmpdir(), 'smtp-lab-e2e-lessons-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 1600, height: 900 },
    locale: 'en-GB',
  });
  page = watch(context.pages()[0] ?? (await context.newPage()));
});

afterAll(async () => {
  await context?.close();
  await site?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

describe('lessons in the browser', () => {
  const steps = parse(readFileSync(LESSON, 'utf8')) as StepDoc[];
  // One prediction answered wrongly on purpose: it must be marked so, with the right answer shown.
  const wrong = new Set(['predict-auth']);
  const half = Math.floor(steps.length / 2);

  it('lists the lessons with level, duration and objectives', async () => {
    await page.goto(site.url);
    await ready();
    await openPane('Lessons');
    const card = page.getByRole('article', { name: 'Follow one mail' });
    await expect.poll(() => card.count(), { timeout: 30_000 }).toBe(1);
    expect(await card.textContent()).toMatch(/Beginner.*about 25 min.*9 steps/);
    expect(await card.textContent()).toMatch(/Not started yet/);
    await card.getByText('What you will learn').click();
    await shot('l01-catalogue');
    await card.getByRole('button', { name: /Start/ }).click();
    await expect.poll(stepHeading, { timeout: 30_000 }).toContain('Step 1 of 9');
    await ready();
    await page.getByLabel('Speed').selectOption({ label: '10×' });
    await shot('l02-lesson-start');
  });

  it('works through the first half: multiple choice, predict-then-reveal, tasks', async () => {
    for (let i = 0; i < half; i++) {
      await doStep(steps, i, wrong);
      if (i === 1) await shot('l03-after-greeting');
    }
    expect(await page.locator('.steps button').nth(0).textContent()).toMatch(/1/);
  });

  it('shows a prediction waiting for playback, then ready right before the event', async () => {
    const step = steps[half];
    const q = step.questions!.find((x) => x.before)!;
    await expect.poll(stepHeading).toContain(`Step ${half + 1} of`);
    const card = questionCard(q.id);
    if (step.actions?.some((a) => 'playUntil' in a)) {
      await play();
      await expect.poll(() => page.locator('.step .waiting').count(), { timeout: 60_000 }).toBe(0);
    }
    expect(await card.getByRole('button', { name: 'Lock in and reveal' }).isDisabled()).toBe(true);
    await play();
    await expect.poll(() => card.getAttribute('class'), { timeout: 60_000 }).toContain('ready');
    expect(await page.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    await card.scrollIntoViewIfNeeded();
    await shot('l04-predict-ready');
  });

  it('resumes after a reload exactly where the student was', async () => {
    const heading = await stepHeading();
    const position = await eventNumber();
    await page.waitForTimeout(800);
    await page.reload();
    await ready();
    await expect.poll(stepHeading, { timeout: 30_000 }).toBe(heading);
    await expect.poll(() => eventNumber(), { timeout: 30_000 }).toBe(position);
    // Earlier answers are still there, the wrong one marked wrong.
    await page.getByRole('button', { name: /^4/ }).click();
    await expect.poll(async () => (await questionCard('predict-auth').textContent()) ?? '').toMatch(/Not quite/);
    await shot('l05-resumed-review');
    await page.getByRole('button', { name: new RegExp(`^${half + 1}`) }).click();
    await expect.poll(stepHeading).toBe(heading);
  });

  it('finishes the lesson and shows the summary', async () => {
    for (let i = half; i < steps.length; i++) await doStep(steps, i, wrong);
    await shot('l06-last-step');
    await page.getByRole('button', { name: 'Show the summary' }).click();
    const summary = page.getByRole('region', { name: /Lesson complete/ });
    await expect.poll(() => summary.count()).toBe(1);
    const questions = steps.flatMap((s) => s.questions ?? []).length;
    expect(await summary.textContent()).toContain(`${questions - wrong.size} of ${questions} answers right`);
    await shot('l07-summary');
  });

  it('follows the language: the lesson reads in German', async () => {
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect.poll(async () => (await page.locator('#lesson-title').textContent()) ?? '').toBe('Einer Mail folgen');
    expect(await page.getByRole('region', { name: /Lektion abgeschlossen/ }).count()).toBe(1);
    await page.getByRole('button', { name: 'Schritte noch einmal ansehen' }).click();
    expect(await page.locator('.step .instructions').textContent()).toMatch(/Drücke|Mail|Postfach/);
    await shot('l08-deutsch');
    await page.getByRole('button', { name: 'Alle Lektionen' }).first().click();
    const card = page.getByRole('article', { name: 'Einer Mail folgen' });
    await expect.poll(async () => (await card.textContent()) ?? '', { timeout: 20_000 }).toMatch(/Abgeschlossen/);
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('exports the results for the grade book', async () => {
    await openPane('Results');
    await page.getByLabel('Your name (for the results)').fill('Ada Lovelace');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download as CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^smtp-lab-results-ada-lovelace-\d{4}-\d\d-\d\d\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toMatch(/^\uFEFFstudent,seed,kind/);
    expect(csv).toMatch(/Ada Lovelace,,lesson,follow-one-mail/);
    expect(csv).toMatch(/answer,follow-one-mail,predict-auth,.*,wrong,/);
    await shot('l09-results');
  });
});

let link = '';

describe('the scenario editor', () => {
  let total = 0;

  it('shows problems at their line and column, in plain words, and jumps there', async () => {
    await openPane('Scenario editor');
    const area = page.getByLabel('Scenario (YAML)');
    await area.fill(HAND_WRITTEN.replace('kind: busy, target: mx2', 'kind: bussy, target: mx2'));
    const problem = page.locator('.problems button').first();
    await expect.poll(async () => (await problem.textContent()) ?? '', { timeout: 20_000 }).toMatch(/line 13, column/);
    expect(await problem.textContent()).toMatch(/busy/);
    expect(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled()).toBe(true);
    await problem.click();
    const cursorLine = await area.evaluate((el: HTMLTextAreaElement) => el.value.slice(0, el.selectionStart).split('\n').length);
    expect(cursorLine).toBe(13);
    await shot('l10-editor-error');
  });

  it('runs a hand-written scenario with a scheduled fault; its goals turn green', async () => {
    await page.getByLabel('Scenario (YAML)').fill(HAND_WRITTEN);
    await expect.poll(async () => (await page.locator('#editor-status').textContent()) ?? '', { timeout: 20_000 }).toMatch(/No problems found/);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(async () => (await page.locator('header .world').textContent()) ?? '', { timeout: 30_000 }).toBe('Busy for ten minutes');
    await ready();
    const goals = page.getByRole('list', { name: 'Goals' });
    await expect.poll(async () => (await goals.textContent()) ?? '', { timeout: 20_000 }).toMatch(/not yet/);
    expect(await goals.locator('li.pass').count()).toBe(0);
    await page.getByLabel('Speed').selectOption({ label: '1 hour per second' });
    await play();
    await expect.poll(() => goals.locator('li.pass').count(), { timeout: 60_000 }).toBe(2);
    expect(await page.locator('.total').first().textContent()).toMatch(/Now: 3 of 3 points/);
    total = await eventTotal();
    await shot('l11-editor-goals-green');
  });

  it('makes a share link that reopens the same scenario, graded the same, in a new page', async () => {
    await page.getByRole('button', { name: 'Make a share link' }).click();
    const field = page.getByLabel('Link to this scenario');
    await expect.poll(() => field.count()).toBe(1);
    link = await field.inputValue();
    expect(link).toMatch(/#s=[A-Za-z0-9+\-$]+$/);
    await shot('l12-share-link');

    const other = watch(await context.newPage());
    await other.goto(link);
    await ready(other);
    await expect.poll(() => other.getByLabel('Scenario (YAML)').inputValue(), { timeout: 30_000 }).toBe(HAND_WRITTEN);
    expect(await other.locator('header .world').textContent()).toBe('Busy for ten minutes');
    expect(await eventTotal(other)).toBe(total);
    const goals = other.getByRole('list', { name: 'Goals' });
    await other.getByLabel('Speed').selectOption({ label: '1 hour per second' });
    await play(other);
    await expect.poll(() => goals.locator('li.pass').count(), { timeout: 60_000 }).toBe(2);
    expect(await other.locator('.total').first().textContent()).toMatch(/Now: 3 of 3 points/);
    await shot('l13-opened-from-link', other);
    await other.close();
  });

  it('opens no script from a link: text is shown, markup is sanitised', async () => {
    const hostile = `title: "<img src=x onerror=window.__pwned=1>"\ndescription: |\n  Hello <img src=x onerror="window.__pwned=2"> <script>window.__pwned=3</script>\n  [click](javascript:window.__pwned=4) **bold**\n`;
    const other = watch(await context.newPage());
    await other.goto(`${site.url}#s=${compressToEncodedURIComponent(hostile)}`);
    await ready(other);
    await expect.poll(async () => (await other.locator('.description').textContent()) ?? '', { timeout: 20_000 }).toMatch(/Hello/);
    await other.waitForTimeout(500);
    expect(await other.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await other.locator('.description img, .description script').count()).toBe(0);
    expect(await other.locator('.description a[href^="javascript"]').count()).toBe(0);
    expect(await other.locator('.description strong').textContent()).toBe('bold');
    expect(await other.locator('header .world').textContent()).toContain('<img');
    await other.close();
  });
});

describe('scenario files and variants', () => {
  const FIX_SPF = readFileSync(join(import.meta.dirname, '..', 'lessons', 'fix-spf', 'scenario.yaml'), 'utf8');

  it('opens a scenario from the file picker and from a file dropped on the page', async () => {
    await openPane('Scenario editor');
    const area = page.getByLabel('Scenario (YAML)');
    await page.locator('.editor input[type=file]').setInputFiles({ name: 'picked.yaml', mimeType: 'text/yaml', buffer: Buffer.from(HAND_WRITTEN.replace('Busy for ten minutes', 'Picked from a file')) });
    await expect.poll(async () => (await page.locator('header .world').textContent()) ?? '', { timeout: 30_000 }).toBe('Picked from a file');
    expect(await area.inputValue()).toContain('Picked from a file');
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.yaml', { type: 'text/yaml' }));
      for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }, HAND_WRITTEN.replace('Busy for ten minutes', 'Dropped on the page'));
    await expect.poll(async () => (await page.locator('header .world').textContent()) ?? '', { timeout: 30_000 }).toBe('Dropped on the page');
    await page.locator('.editor input[type=file]').setInputFiles({ name: 'huge.yaml', mimeType: 'text/yaml', buffer: Buffer.alloc(300 * 1024, 0x23) });
    await expect.poll(() => page.getByRole('alert').filter({ hasText: /larger than 256 KiB/ }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('header .world').textContent()).toBe('Dropped on the page');
  });

  it('gives each student seed from a link its own variant of a scenario with variables', async () => {
    const variants: string[] = [];
    for (const seed of [1, 2]) {
      const other = watch(await context.newPage());
      await other.goto(`${site.url}#s=${compressToEncodedURIComponent(FIX_SPF)}&seed=${seed}`);
      await ready(other);
      expect(await other.getByLabel('Student seed').inputValue()).toBe(String(seed));
      const variant = other.locator('.variant');
      await expect.poll(async () => (await variant.textContent()) ?? '', { timeout: 20_000 }).toMatch(/brokenSpf = v=spf1/);
      variants.push((await variant.textContent()) ?? '');
      const goals = other.getByRole('list', { name: 'Goals' });
      await expect.poll(async () => (await goals.textContent()) ?? '', { timeout: 20_000 }).toMatch(/not yet/);
      await other.close();
    }
    expect(variants[0]).not.toBe(variants[1]);
  });
});

describe('bad input never crashes the page', () => {
  it('resets corrupt stored progress with a visible notice', async () => {
    const other = watch(await context.newPage());
    await other.goto(site.url);
    await other.evaluate(() => localStorage.setItem('smtp-lab.progress', '{"version":1,"lessons":{"follow-one-mail":'));
    await other.reload();
    const alert = other.getByRole('alert').filter({ hasText: /progress was damaged/ });
    await expect.poll(() => alert.count(), { timeout: 30_000 }).toBe(1);
    await ready(other);
    await shot('l14-corrupt-progress', other);
    await other.evaluate(() => localStorage.setItem('smtp-lab.progress', JSON.stringify({ version: 0, lessons: {} })));
    await other.reload();
    await expect.poll(() => other.getByRole('alert').filter({ hasText: /older version/ }).count(), { timeout: 30_000 }).toBe(1);
    await openPane('Lessons', other);
    await expect.poll(async () => (await other.getByRole('article', { name: 'Follow one mail' }).textContent()) ?? '', { timeout: 20_000 }).toMatch(/Not started yet/);
    await other.close();
  });

  it('says clearly what is wrong with a malformed or oversize link', async () => {
    const other = watch(await context.newPage());
    await other.goto(`${site.url}#s=<script>alert(1)</script>`);
    await expect.poll(() => other.getByRole('alert').filter({ hasText: /link is damaged/ }).count(), { timeout: 30_000 }).toBe(1);
    await ready(other);
    await shot('l15-bad-link', other);
    await other.close();
    const big = watch(await context.newPage());
    await big.goto(`${site.url}#s=${compressToEncodedURIComponent('# x\n'.repeat(80_000))}`);
    await expect.poll(() => big.getByRole('alert').filter({ hasText: /larger than 256 KiB/ }).count(), { timeout: 30_000 }).toBe(1);
    await ready(big);
    const cut = link.slice(0, link.indexOf('#s=') + 40);
    await big.goto('about:blank');
    await big.goto(cut);
    await expect.poll(() => big.getByRole('alert').filter({ hasText: /cut off|damaged|no scenario/ }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await big.close();
  });
});

describe('instructor mode', () => {
  it('a PIN locks the page: answer keys and the scenario’s solution are hidden until unlocked', async () => {
    await page.goto(site.url);
    await ready();
    await openPane('Lessons');
    await page.getByRole('article', { name: 'The receiving server is busy' }).getByRole('button', { name: /Start/ }).click();
    await expect.poll(stepHeading, { timeout: 30_000 }).toContain('Step 1 of');
    expect(await page.getByText('Answer key (instructor)').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Instructor' }).click();
    const dialog = page.getByRole('dialog', { name: 'Instructor mode' });
    await dialog.getByLabel('New PIN or passphrase').fill('4711');
    await dialog.getByLabel('Repeat it').fill('4711');
    await shot('l16-lock-dialog');
    await dialog.getByRole('button', { name: 'Set and lock' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Locked' }).count()).toBe(1);
    expect(await page.getByText('Answer key (instructor)').count()).toBe(0);
    await openPane('Scenario editor');
    expect(await page.getByLabel('Scenario (YAML)').getAttribute('readonly')).not.toBeNull();
    await shot('l17-locked');
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Locked' }).count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('button', { name: 'Locked' }).click();
    await dialog.getByLabel('PIN or passphrase').fill('0000');
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(async () => (await dialog.getByRole('alert').textContent()) ?? '', { timeout: 5000 }).toMatch(/not the PIN/);
    await dialog.getByLabel('PIN or passphrase').fill('4711');
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Instructor' }).count()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('smtp-lab.instructor'))).not.toContain('4711');
  });

  it('threw no errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});

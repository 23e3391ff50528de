import { chromium } from 'playwright-core';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic, CHROMIUM_ARGS } from './e2e/static-server';
const site = await serveStatic('dist');
const ctx = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 'look-')), { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 1600, height: 900 } });
const page = ctx.pages()[0];
page.on('pageerror', (e) => console.log('pageerror', e.stack));
await page.goto(site.url);
await page.waitForTimeout(1000);
for (const tab of ['Mail', 'Inspector', 'Transcript', 'Events']) {
  console.log('tab', tab);
  await page.getByRole('tab', { name: tab }).click();
  await page.waitForTimeout(300);
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(300);
}
await page.getByRole('tab', { name: 'Mail' }).click();
for (const b of ['bob-phone', 'carol-pc', 'alice-pc']) { console.log(b); await page.getByRole('group', { name: 'Mail programs' }).getByRole('button', { name: new RegExp(b) }).click(); await page.waitForTimeout(200); }
await page.getByRole('tab', { name: 'Mail' }).click(); await page.waitForTimeout(300);
for (const p of ['Outbox', 'Write', 'Account settings', 'Providers & ports']) { console.log(p); await page.getByRole('button', { name: new RegExp('^' + p) }).click(); await page.waitForTimeout(200); await page.screenshot({ path: `/tmp/mail-${p[0]}.png` }); }
await page.locator('.nv-host').first().click(); await page.waitForTimeout(300); await page.screenshot({ path: '/tmp/insp-host.png' });
await page.getByRole('button', { name: 'Deutsch' }).click(); await page.waitForTimeout(300);
await page.screenshot({ path: '/tmp/de.png' });
await ctx.close(); await site.close();

/**
 * End-to-end: the built site keeps working offline once loaded. Visit once (the service worker
 * stores every file), go offline, reload, and the default world still plays and lazy panels open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, serveStatic, type StaticSite } from './static-server';

let site: StaticSite;
let context: BrowserContext;
let page: Page;
let profile: string;
const requests: string[] = [];

beforeAll(async () => {
  site = await serveStatic(join(import.meta.dirname, '..', 'dist'));
  profile = await mkdtemp(join(tmpdir(), 'smtp-lab-e2e-offline-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (r) => requests.push(r.url()));
});

afterAll(async () => {
  await context?.close();
  await site?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

describe('offline once loaded', () => {
  it('asks nothing but its own origin, and still works after going offline', async () => {
    await page.goto(site.url);
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state), { timeout: 30_000 }).toBe('activated');
    // Wait until the cache holds every file the worker lists.
    await expect.poll(() => page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = keys.length ? await caches.open(keys[0]) : undefined;
      return cache ? (await cache.keys()).length : 0;
    }), { timeout: 30_000 }).toBeGreaterThan(10);
    expect(requests.every((u) => u.startsWith(site.url) || u.startsWith('blob:') || u.startsWith('data:'))).toBe(true);

    await context.setOffline(true);
    await page.reload();
    const play = page.getByRole('button', { name: 'Play', exact: true });
    await expect.poll(() => play.isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByRole('tab', { name: 'DNS' }).click();
    await expect.poll(() => page.getByText(/example\.com/).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await context.setOffline(false);
  });
});

/**
 * offlineCachePlugin: a Vite build plugin that writes `sw.js`, a service worker that stores every
 * file of the built site on first visit and answers from that store afterwards, so the app keeps
 * working offline once loaded (lazy panels, lessons and the simulation worker included). The
 * cache name carries a digest of the file list, so a new build replaces the old cache.
 */
import type { Plugin } from 'vite';
import { createHash } from 'node:crypto';

/** serviceWorkerSource is the text of sw.js for the given files. */
export function serviceWorkerSource(files: string[], version: string): string {
  return `// SMTP Lab offline cache ${version} (generated at build time; see src/ui/offline-cache.ts)
const CACHE = 'smtp-lab-${version}';
const FILES = ${JSON.stringify(['./', ...files.map((f) => './' + f)])};
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('smtp-lab-') && k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()));
});
self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== self.location.origin) return;
  e.respondWith(caches.open(CACHE).then((c) => c.match(e.request, { ignoreSearch: true }).then((hit) => hit || fetch(e.request))));
});
`;
}

/** offlineCachePlugin emits sw.js listing every file of the bundle. */
export function offlineCachePlugin(): Plugin {
  return {
    name: 'smtp-lab-offline-cache',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map') && f !== 'sw.js').sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(files, version) });
    },
  };
}

/**
 * The page's entry: mounts the app with a session, and opens what the address asks for (a shared
 * scenario, a lesson) or the lesson the student was in, else the default world. If anything fails
 * this early, the page still says what went wrong instead of staying blank.
 */
import { mount } from 'svelte';
import App from './App.svelte';
import { Session } from './session.svelte';
import { locale } from './i18n/i18n.svelte';
import { course } from './course.svelte';
import './app.css';

function showFatal(target: HTMLElement, err: unknown): void {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.style.cssText = 'margin:2rem;padding:1rem;border:2px solid #d55e00;font:1.1rem system-ui';
  p.textContent = `SMTP Lab could not start / konnte nicht starten: ${err instanceof Error ? err.message : String(err)}`;
  target.replaceChildren(p);
}

const target = document.getElementById('app')!;
try {
  document.documentElement.lang = locale.lang;
  const fixture = new URLSearchParams(location.search).get('fixture');
  const session = new Session(fixture === 'stress' || fixture === 'dev' || fixture === 'crash' ? fixture : undefined);
  target.replaceChildren();
  course.attach(session);
  mount(App, { target, props: { session } });
  // A shared scenario or lesson link opens directly; otherwise the lesson the student was in resumes.
  if (fixture) void session.load();
  else {
    void course.start(location.hash);
    addEventListener('hashchange', () => void course.start(location.hash));
  }
} catch (err) {
  showFatal(target, err);
}

// The built site caches itself for offline use (sw.js is written by src/ui/offline-cache.ts).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch((err) => console.warn('offline cache not available:', err));
}

addEventListener('unhandledrejection', (ev) => {
  console.error('unhandled', ev.reason);
});

import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { offlineCachePlugin } from './src/ui/offline-cache';

// The app is a static site: relative base so dist/ works from any folder of any static server.
export default defineConfig({
  base: './',
  plugins: [svelte(), offlineCachePlugin()],
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173 },
  build: { target: 'es2022', sourcemap: false },
  test: {
    include: ['src/**/*.test.ts', 'lessons/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60000,
  },
});

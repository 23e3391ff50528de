/**
 * The lesson files bundled with the app: every file of every folder under `lessons/`, imported
 * as text at build time so the app works offline, each in its own chunk loaded on first use.
 */
const FILES = import.meta.glob<string>('/lessons/*/*.{md,yaml,yml,json}', { query: '?raw', import: 'default' });

/** BundledFile: one file under `lessons/<folder>/`. */
export interface BundledFile {
  /** `lessons/<folder>/<name>`, as messages name it. */
  path: string;
  folder: string;
  name: string;
  read: () => Promise<string>;
}

/** bundledFiles lists the bundled lesson and scenario files, sorted by path. */
export function bundledFiles(): BundledFile[] {
  return Object.entries(FILES)
    .map(([key, read]) => {
      const [, , folder, name] = key.split('/');
      return { path: key.slice(1), folder, name, read };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

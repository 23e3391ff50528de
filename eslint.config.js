import tseslint from 'typescript-eslint';

// The one rule that matters most: imports flow lessons → sim → view → ui, never back.
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '**/*.svelte'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    ignores: ['src/sim/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/view/**', '**/ui/**', 'svelte', 'svelte/*', 'd3-*', 'node:*'], message: 'src/sim is the pure core: no view, UI, d3 or Node imports.' },
      ] }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'src/sim has no DOM.' },
        { name: 'document', message: 'src/sim has no DOM.' },
        { name: 'setTimeout', message: 'Use the injected scheduler.' },
        { name: 'setInterval', message: 'Use the injected scheduler.' }],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the seeded random source.' },
        { object: 'Date', property: 'now', message: 'Use the virtual clock.' }],
    },
  },
  {
    files: ['src/view/**/*.ts'],
    ignores: ['src/view/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/ui/**', 'svelte', 'svelte/*', 'd3-selection', 'd3-zoom'], message: 'src/view is pure math: no DOM writes, no UI imports.' },
      ] }],
    },
  },
);

// Lint rules that encode the architecture: which runtime may import what.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const serverOnly = ['fastify', '@fastify/*', 'kysely', 'better-sqlite3', 'pg', 'node:*'];
const browserOnly = ['dexie', 'preact', 'preact/*', 'workbox-*'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tsbuild/', 'data/', 'test-output/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...serverOnly, ...browserOnly], message: 'src/shared is pure: no platform libraries.' },
            {
              group: ['**/client/**', '**/server/**', '**/sw/**'],
              message: 'src/shared imports nothing outside it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/client/**/*.{ts,tsx}'],
    ignores: ['src/client/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['dexie', 'dexie/*'], message: 'Only src/client/db imports dexie.' },
            { group: [...serverOnly], message: 'The phone app never imports server code.' },
            { group: ['**/server/**'], message: 'The phone app never imports server code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/client/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...serverOnly, '**/server/**'], message: 'The phone app never imports server code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/office/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['dexie', 'dexie/*', 'workbox-*'],
              message: 'Kantor has no phone store or service worker.',
            },
            {
              group: [...serverOnly, '**/server/**'],
              message: 'Kantor talks to the registry over HTTP only.',
            },
            {
              group: ['**/client/**', '**/sw/**'],
              message: 'Kantor shares only src/shared with the phone app.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...browserOnly, '**/client/**', '**/sw/**', '**/office/**'],
              message: 'The server runs on Node only.',
            },
          ],
        },
      ],
    },
  },
);

import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'node_modules',
      'reports',
      'test-results',
      'playwright-report',
      'coverage',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The engine is pure: it takes inputs and returns data (STYLE.md, "three fences").
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/differential/**', 'src/engine/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react*', 'zustand*', 'd3*', '**/ui/**', '**/i18n/**', '**/scenarios/**'],
              message: 'The engine is pure: take inputs, return data.',
            },
            { group: ['node:*'], message: 'The engine runs in a browser too.' },
          ],
          paths: ['fs', 'path', 'child_process', 'os'].map((name) => ({
            name,
            message: 'The engine runs in a browser too.',
          })),
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Pass a seeded rng in.' },
        { object: 'Date', property: 'now', message: 'Time is an input.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Time is an input.' },
        { name: 'setInterval', message: 'Time is an input.' },
        { name: 'window', message: 'The engine has no DOM.' },
        { name: 'document', message: 'The engine has no DOM.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'Time is an input.' },
      ],
    },
  },
  {
    files: [
      'scripts/**/*.{js,mjs}',
      '*.config.{js,ts}',
      'e2e/**/*.ts',
      'bench/**/*.ts',
      'src/engine/differential/**',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Drives a browser: parts of it run in the page.
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
)

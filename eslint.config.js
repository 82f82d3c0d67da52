import js from '@eslint/js';
import { configs as litConfigs } from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'examples/*/dist/',
      'server/dist/',
      'test/consumers/',
      'coverage/',
      'custom-elements.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.json',
          './tsconfig.node.json',
          './examples/*/tsconfig.json',
          './server/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Lit binds event listeners in templates to the element, so passing `this.handleX` is safe.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly' },
    },
  },
  {
    files: ['sandbox/**/*.ts', 'scripts/**/*.ts', 'server/src/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // node:test's describe() and it() return promises the runner awaits itself.
    files: ['server/test/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'demo/**/*.ts'],
    ...litConfigs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'demo/**/*.ts'],
    ...wcConfigs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'demo/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='innerHTML']",
          message: 'Lit escapes text; never write innerHTML.',
        },
        {
          selector: "MemberExpression[property.name='outerHTML']",
          message: 'Lit escapes text; never write outerHTML.',
        },
      ],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'lit/directives/unsafe-html.js', message: 'No unsafeHTML: lit escapes text.' }] },
      ],
    },
  },
  {
    // Shared layers never reach into an element's folder: what two of them need lives in a shared layer.
    files: ['src/stores/**/*.ts', 'src/config/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'lit/directives/unsafe-html.js', message: 'No unsafeHTML: lit escapes text.' }],
          patterns: [{ group: ['**/elements/**'], message: 'Move what is shared out of src/elements/.' }],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // chai-dom's typings make expect(...).to.equal() look like a promise.
      '@typescript-eslint/no-floating-promises': 'off',
      // oneEvent() and sinon hand tests `any`-typed events and spies.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Node-side tests (node:test): the runner awaits describe/it itself, and JSON answers are read loosely.
    files: ['sandbox/**/*.test.ts', 'sandbox/chategy/test-clients.ts', 'server/test/chategy/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);

// The bench runs in two places, so it has two TypeScript projects: bench/run.ts, bench/lib/ and
// bench/server/ run in Node (tsconfig.node.json, which must not see the DOM's types), bench/naive-list.ts
// and bench/pages/ in the browser (bench/tsconfig.json). ESLint looks up this file for the files under
// bench/.
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import rootConfig from '../eslint.config.js';

export default [
  ...rootConfig,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', '../tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  { files: ['naive-list.ts', 'pages/**/*.ts'], ...litConfigs['flat/recommended'] },
  { files: ['naive-list.ts', 'pages/**/*.ts'], ...wcConfigs['flat/recommended'] },
];

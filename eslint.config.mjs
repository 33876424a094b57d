// One lint config for the monorepo. The rule that matters most: workflow code runs in
// Temporal's deterministic sandbox, so it may not import Node builtins or activity values.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/.data/**', '**/.cache/**', 'examples/sample-codebase/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Entry files and scripts own the process and may print.
    files: ['**/src/worker.ts', '**/src/server.ts', '**/scripts/**', 'infra/src/**', 'bench/**', 'examples/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['apps/*/src/workflows/**/*.ts', 'packages/contracts/src/**/*.ts', 'packages/saga/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code runs in the Temporal sandbox: no Node builtins.' })) }],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/activities', '**/activities/**'],
              allowTypeImports: true,
              message: 'Import activities type-only and call them through proxyActivities.',
            },
            { group: ['@temporalio/worker', '@temporalio/client', '@temporalio/activity'], message: 'Not available in the workflow sandbox.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/test/**/*.ts', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-console': 'off' },
  },
);

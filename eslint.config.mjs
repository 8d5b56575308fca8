// ESLint flat config: typed rules everywhere, plus the sandbox rule for workflows/ and domain/
// (STYLE rules 2 and 49). Layer rules between folders are dependency-cruiser's job.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const sandboxMessage =
  'workflows/ and domain/ run inside the deterministic workflow sandbox: no Node built-ins, no I/O.';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'data/',
      'build/',
      'coverage/',
      'test-output/',
      'bench/results/',
      'chaos/results/',
      'web/dist/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always'],
      'import-x/no-cycle': 'error',
      'max-lines': ['warn', { max: 600, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // A promise in workflow code that nobody awaits must say what its failure means (STYLE rule
    // 20a): `void p` or `p.then(ok)` alone would fail the workflow task on a rejection and strand
    // the case, so only an awaited promise or `.then(ok, failed)` / `.catch(…)` passes.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: sandboxMessage })),
          patterns: [
            {
              group: ['pg', 'pg-*', 'express', 'undici', 'node-fetch', 'axios', 'pino*'],
              message: sandboxMessage,
            },
            {
              group: ['**/activities', '**/activities/*', '**/agencies/*', '**/db/*', '**/api/*'],
              allowTypeImports: true,
              message:
                'workflows call activities through proxyActivities and import them as types only.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: sandboxMessage },
        { name: 'process', message: sandboxMessage },
        { name: 'require', message: sandboxMessage },
      ],
    },
  },
  {
    // config/env.ts is the only reader of the environment (STYLE rule 31).
    files: [
      'api/**',
      'worker/**',
      'activities/**',
      'agencies/**',
      'db/**',
      'domain/**',
      'workflows/**',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'read configuration through config/env.ts' },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'chaos/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'warn',
      // HTTP response bodies (supertest, fetch) are untyped JSON: asserting on them is the point.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly' },
    },
  },
  prettier,
);

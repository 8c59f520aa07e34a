import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Layers: doors (http, cli) -> domain -> db. Domain and db never import a door. */
const doors = ['**/http/**', '**/cli/**', '**/mcp/**'];

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'coverage/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/http/**', 'src/cli/**', 'src/mcp/**', 'src/server.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: doors, message: 'Domain code must not depend on a door (http, cli, mcp).' }] },
      ],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...doors, '../core/**', '../conversations/**', '../contacts/**'],
              message: 'db/ is the bottom layer.',
            },
          ],
        },
      ],
    },
  },
  {
    // The dashboard: a door like the others. Of the server's code it may import types, and at run
    // time only the pure tables it shares (scripts/build-web.mjs rebuilds when these change).
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src/(?!core/scopes\\.js$|agents/mcp-config\\.js$)',
              allowTypeImports: true,
              message: 'The dashboard imports only types and the shared tables from the server.',
            },
          ],
        },
      ],
    },
  },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', '.test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    // CommonJS config files run by Node.
    files: ['jest.config.js', '.dependency-cruiser.cjs', 'scripts/build.mjs'],
    languageOptions: {
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The conversation step is pure: no I/O, no clock, no randomness.
    files: ['backend/src/conversation/**/*.ts'],
    ignores: ['backend/src/conversation/runner/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'ioredis',
                'bullmq',
                'knex',
                'pg',
                'axios',
                'express',
                'pino',
                'node:*',
                'fs',
                'http',
                'https',
                'net',
                'crypto',
              ],
              message: 'conversation/ is pure: pass data in, return commands out.',
            },
            {
              group: [
                '**/db/**',
                '**/queue/**',
                '**/intake/**',
                '**/outbound/**',
                '**/matching/**',
                '**/config/**',
                '**/observability/**',
              ],
              message: 'conversation/ is pure: it may import only conversation/ and shared/ types.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'Use ctx.now passed into the step.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Pass ids/randomness in via the context.' },
      ],
    },
  },
);

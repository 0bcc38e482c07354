// Flat config: typescript-eslint recommended plus the layer import rules of STYLE.md 9.2.
const tseslint = require('typescript-eslint');

const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message: 'layer boundary (STYLE.md 9.2)' })) }] },
});

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'cdktf.out/**', '.nautes/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      eqeqeq: 'error',
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  restrict(['lib/internal/**'], ['../*']),
  restrict(['lib/model/**'], ['**/api', '**/api/*', '**/engine', '**/engine/*', '**/cdktf', '**/tfplugin', '**/tfplugin/*', '**/cli', '**/cli/*', '**/fake-server', '**/fake-server/*', 'undici', 'cdktf', '@grpc/*']),
  restrict(['lib/engine/**'], ['**/api', '**/api/*', '**/render', '**/render/*', '**/cdktf', '**/tfplugin', '**/tfplugin/*', '**/cli', '**/cli/*', '**/fake-server', '**/fake-server/*', 'undici', 'cdktf', '@grpc/*']),
  restrict(['lib/render/**'], ['**/api', '**/api/*', '**/cdktf', '**/tfplugin', '**/tfplugin/*', '**/cli', '**/cli/*', '**/fake-server', '**/fake-server/*', 'undici', 'node:fs', 'node:fs/*']),
  restrict(['lib/api/**'], ['**/cdktf', '**/tfplugin', '**/tfplugin/*', '**/cli', '**/cli/*', '**/fake-server', '**/fake-server/*', '**/render', '**/render/*', 'cdktf', '@grpc/*']),
  restrict(['lib/cdktf/**'], ['**/api', '**/api/*', '**/engine', '**/engine/*', '**/tfplugin', '**/tfplugin/*', '**/cli', '**/cli/*', '**/fake-server', '**/fake-server/*', 'undici']),
  restrict(['lib/tfplugin/**'], ['**/cli', '**/cli/*', '**/fake-server', '**/fake-server/*', '**/cdktf', 'cdktf']),
  restrict(['lib/fake-server/**'], ['**/model', '**/model/*', '**/engine', '**/engine/*', '**/cdktf', '**/tfplugin', '**/tfplugin/*', '**/cli', '**/cli/*', '**/render', '**/render/*', '**/api/client', '**/api/errors', '**/api/convert', '**/api/index', '**/api']),
  { files: ['test/**', 'bench/**', 'scripts/**'], rules: { 'no-console': 'off', '@typescript-eslint/no-require-imports': 'off' } },
);

// Flat config: typescript-eslint recommended, type-aware rules on the TypeScript sources, and the layer
// rules of STYLE.md 9.2 (down to the sub-layers of lib/tfplugin). test/lint/rules.test.ts proves each rule
// with a fixture that must fail.
const tseslint = require('typescript-eslint');

const boundary = (patterns) =>
  patterns.map((group) => ({ group: [group], message: 'layer boundary (STYLE.md 9.2)' }));
// one block per file set: a later block's no-restricted-imports replaces an earlier one's, so each block
// lists every pattern that holds for its files
const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: boundary(patterns) }] },
});

const UPPER = ['**/cli', '**/cli/*', '**/fake-server', '**/fake-server/*'];
const TFPLUGIN = [...UPPER, '**/cdktf', 'cdktf'];
const GRPC = ['@grpc/*', 'protobufjs', 'protobufjs/*'];

/** Only the entry files may touch `process`; the rest get it passed in (env, streams, pids). */
const ENTRY_FILES = [
  'lib/cli/main.ts',
  'lib/cli/hosts/tf-host.ts',
  'lib/tfplugin/index.ts',
  'lib/tfplugin/main.ts',
  'lib/fake-server/index.ts',
  // NautesClient is the library's public entry for user code: its documented default env is process.env
  'lib/api/client.ts',
];

module.exports = tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'cdktf.out/**',
      '.nautes/**',
      '.nautes-demo/**',
      'coverage/**',
      '**/*.d.ts',
      // cdktf's generated bindings (npm run generate:bindings), kept as the generator writes them
      'lib/cdktf/l1/generated/**',
      // the tfplugin6 descriptor and types (npm run generate:proto), kept as the generator writes them
      'lib/tfplugin/protocol/generated/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      eqeqeq: 'error',
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      // async handlers keep one shape whether or not they await (the RPC table, the resource types)
      '@typescript-eslint/require-await': 'off',
    },
  },
  // the type-aware preset on the product; tests read parsed JSON freely, so they keep the two rules above
  {
    files: ['lib/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // @peculiar/x509's parameter types resolve to error types in the lint's project service (tsc checks them)
    files: ['lib/fake-server/tls-material.ts', 'lib/tfplugin/wire/certificate-generator.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ENTRY_FILES,
    rules: {
      'no-restricted-globals': [
        'error',
        {
          name: 'process',
          message:
            'only the entry files touch process (STYLE.md 9.2): take env, streams or pids as parameters',
        },
      ],
    },
  },
  restrict(['lib/internal/**'], ['../*']),
  restrict(
    ['lib/model/**'],
    [
      '**/api',
      '**/api/*',
      '**/engine',
      '**/engine/*',
      '**/cdktf',
      '**/tfplugin',
      '**/tfplugin/*',
      ...UPPER,
      'undici',
      'cdktf',
      ...GRPC,
    ],
  ),
  restrict(
    ['lib/engine/**'],
    [
      '**/api',
      '**/api/*',
      '**/render',
      '**/render/*',
      '**/cdktf',
      '**/tfplugin',
      '**/tfplugin/*',
      ...UPPER,
      'undici',
      'cdktf',
      ...GRPC,
    ],
  ),
  restrict(
    ['lib/render/**'],
    [
      '**/api',
      '**/api/*',
      '**/cdktf',
      '**/tfplugin',
      '**/tfplugin/*',
      ...UPPER,
      'undici',
      'node:fs',
      'node:fs/*',
    ],
  ),
  restrict(
    ['lib/api/**'],
    [
      '**/cdktf',
      '**/tfplugin',
      '**/tfplugin/*',
      ...UPPER,
      '**/render',
      '**/render/*',
      'cdktf',
      ...GRPC,
    ],
  ),
  restrict(
    ['lib/cdktf/**'],
    [
      '**/api',
      '**/api/*',
      '**/engine',
      '**/engine/*',
      '**/tfplugin',
      '**/tfplugin/*',
      ...UPPER,
      'undici',
    ],
  ),
  restrict(['lib/tfplugin/**'], TFPLUGIN),
  // the tfplugin sub-layers: wire (gRPC, TLS, handshake) -> server (RPC table) -> convert (proto <-> ours)
  // -> provider (protocol-free) -> cty (values and schemas); protocol/generated (the tfplugin6 descriptor
  // and message types) serves wire, server and convert only
  restrict(
    ['lib/tfplugin/cty/**'],
    [
      ...TFPLUGIN,
      '../provider',
      '../provider/*',
      '../server',
      '../server/*',
      '../wire',
      '../wire/*',
      '../convert',
      '../convert/*',
      '../protocol',
      '../protocol/*',
      '../protocol/**',
      ...GRPC,
    ],
  ),
  restrict(
    ['lib/tfplugin/provider/**'],
    [
      ...TFPLUGIN,
      '../server',
      '../server/*',
      '../wire',
      '../wire/*',
      '../convert',
      '../convert/*',
      '../protocol',
      '../protocol/*',
      '../protocol/**',
      ...GRPC,
    ],
  ),
  restrict(
    ['lib/tfplugin/convert/**'],
    [...TFPLUGIN, '../server', '../server/*', '../wire', '../wire/*', ...GRPC],
  ),
  restrict(['lib/tfplugin/server/**'], [...TFPLUGIN, '../wire', '../wire/*', ...GRPC]),
  restrict(
    ['lib/tfplugin/wire/**'],
    [
      ...TFPLUGIN,
      '../provider',
      '../provider/*',
      '../server',
      '../server/*',
      '../convert',
      '../convert/*',
    ],
  ),
  restrict(
    ['lib/fake-server/**'],
    [
      '**/model',
      '**/model/*',
      '**/engine',
      '**/engine/*',
      '**/cdktf',
      '**/tfplugin',
      '**/tfplugin/*',
      '**/cli',
      '**/cli/*',
      '**/render',
      '**/render/*',
      '**/api/client',
      '**/api/errors',
      '**/api/convert',
      '**/api/index',
      '**/api',
    ],
  ),
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  // scripts/, bench/ and the other CommonJS files: linted as plain JavaScript (no type information)
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
);

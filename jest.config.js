/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { diagnostics: false }];

// One project per kind of test, each named once here by the paths it holds: unit (no sockets, no child
// processes, no git), e2e (real OpenTofu, Terraform, cdktf and npm), and integration, everything else (the
// local Nautes server and stand-ins over loopback, the provider as a child process). `npm run test:unit`
// runs only the first.
const UNIT = [
  '/test/(model|engine|render)/',
  // the generated-bindings check runs OpenTofu for the provider schema, and the cdktn build check reads
  // dist/: integration, though under test/cdktf
  '/test/cdktf/(?!l1/|cdktn/)',
  '/test/cli/(scaffold|import)/',
  '/test/api/(errors|kind-wire)\\.test\\.ts$',
  '/test/tfplugin/(cty-codec|handshake-certificate|attributes|identity-policy|generated-proto|handlers-in-memory|kind-resources|kind-capabilities)\\.test\\.ts$',
  '/test/version\\.test\\.ts$',
];
const E2E = ['/test/(e2e|harness)/'];

/** Test files under test/ whose path matches one of `patterns`. */
const within = (patterns) => `^(?=.*(?:${patterns.join('|')})).*/test/.*\\.test\\.ts$`;

const project = (displayName, select) => ({
  displayName,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  ...select,
  // every child a test starts is killed after it (test/helpers/processes.ts)
  setupFilesAfterEnv: ['<rootDir>/test/setup/after-env.ts'],
});

module.exports = {
  testTimeout: 30000,
  projects: [
    project('unit', { testRegex: within(UNIT) }),
    project('integration', {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: [...UNIT, ...E2E],
    }),
    project('e2e', { testRegex: within(E2E) }),
  ],
  // a handle left open fails the run with its name instead of keeping Jest alive (test/setup/global-teardown.js)
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
};

/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { diagnostics: false }];

// One project per kind of test: unit (no sockets, no child processes, no git), integration (the local
// Nautes server and stand-ins over loopback, the provider as a child process), e2e (real OpenTofu,
// Terraform, cdktf and npm, in test/e2e/). `npm run test:unit` runs only the first.
const UNIT = [
  '<rootDir>/test/model/**/*.test.ts',
  '<rootDir>/test/engine/**/*.test.ts',
  '<rootDir>/test/render/**/*.test.ts',
  '<rootDir>/test/cdktf/**/*.test.ts',
  '<rootDir>/test/cli/scaffold/**/*.test.ts',
  '<rootDir>/test/api/errors.test.ts',
  '<rootDir>/test/tfplugin/cty-codec.test.ts',
  '<rootDir>/test/tfplugin/attributes.test.ts',
  '<rootDir>/test/tfplugin/handshake-certificate.test.ts',
  '<rootDir>/test/tfplugin/identity-policy.test.ts',
  '<rootDir>/test/tfplugin/generated-proto.test.ts',
  '<rootDir>/test/tfplugin/handlers-in-memory.test.ts',
  '<rootDir>/test/version.test.ts',
];
const E2E = ['<rootDir>/test/e2e/**/*.test.ts', '<rootDir>/test/harness/**/*.test.ts'];

// the generated-bindings check runs OpenTofu for the provider schema, and the cdktn build check reads dist/:
// integration, though under test/cdktf
const BINDINGS = '/test/cdktf/(l1|cdktn)/';

const project = (displayName, testMatch, testPathIgnorePatterns = []) => ({
  displayName,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  testMatch,
  testPathIgnorePatterns,
  // every child a test starts is killed after it (test/helpers/processes.ts)
  setupFilesAfterEnv: ['<rootDir>/test/setup/after-env.ts'],
});

module.exports = {
  testTimeout: 30000,
  projects: [
    project('unit', UNIT, [BINDINGS]),
    project(
      'integration',
      ['<rootDir>/test/**/*.test.ts'],
      [
        '/test/(model|engine|render|e2e|harness)/',
        '/test/cdktf/(?!l1/|cdktn/)',
        '/test/cli/scaffold/',
        '/test/api/errors\\.test\\.ts$',
        '/test/tfplugin/(cty-codec|handshake-certificate|attributes|identity-policy|generated-proto|handlers-in-memory)\\.test\\.ts$',
        '/test/version\\.test\\.ts$',
      ],
    ),
    project('e2e', E2E),
  ],
  // a handle left open fails the run with its name instead of keeping Jest alive (test/setup/global-teardown.js)
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
};

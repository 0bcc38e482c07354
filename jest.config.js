/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { diagnostics: false }];
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 30000,
  // every child a test starts is killed after it (test/helpers/processes.ts); a handle left open fails
  // the run with its name instead of keeping Jest alive (test/setup/global-teardown.js)
  setupFilesAfterEnv: ['<rootDir>/test/setup/after-env.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
};

/**
 * Four projects: unit (pure, no I/O), integration (real Postgres/Redis), e2e (whole app + fake
 * Cloud API), browser (the console and the demo chat page in Debian's Chromium, playwright-core).
 */
const tsJest = ['ts-jest', { diagnostics: false }];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['<rootDir>/backend/tests/helpers/env.ts'],
};
module.exports = {
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/backend/tests/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/backend/tests/integration/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/backend/tests/e2e/**/*.test.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/backend/tests/browser/**/*.test.ts'] },
  ],
};

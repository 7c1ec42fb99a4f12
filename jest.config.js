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
  // `npm test -- --coverage` (CI): line coverage of backend/src over all four projects; summary on
  // stdout, report in coverage/ (lcov-report/index.html). backend/dev (fake Cloud API, demo) is not
  // production code and is not counted. Provider `babel` (istanbul instrumentation, cached with the
  // transform) costs less here than `v8`, whose per-test-file conversion of every loaded module
  // tripled the unit project's time (measured: docs/operations.md, "Coverage").
  collectCoverageFrom: ['<rootDir>/backend/src/**/*.ts'],
  coverageProvider: 'babel',
  coverageDirectory: '<rootDir>/coverage',
  coverageReporters: ['text-summary', 'json-summary', 'lcov'],
  coverageThreshold: { global: { lines: 80 } },
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/backend/tests/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/backend/tests/integration/**/*.test.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/backend/tests/e2e/**/*.test.ts'] },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/backend/tests/browser/**/*.test.ts'],
    },
  ],
};

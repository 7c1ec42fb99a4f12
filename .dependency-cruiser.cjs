/**
 * Import rules of backend/src (checked in CI by `npm run check:deps`, scripts/check-deps.ts, which
 * also refuses import cycles between folders). See docs/architecture.md, "Layout".
 */
const SRC = '^backend/src/';
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle between files.',
      from: { path: SRC },
      to: { circular: true },
    },
    {
      name: 'pure-conversation',
      severity: 'error',
      comment:
        'The conversation core (outside runner/) is pure: it imports only shared/ (and itself).',
      from: { path: `${SRC}conversation/`, pathNot: `${SRC}conversation/runner/` },
      to: { pathNot: [`${SRC}conversation/`, `${SRC}shared/`], dependencyTypesNot: ['core'] },
    },
    {
      name: 'pure-conversation-no-runner',
      severity: 'error',
      comment: 'The pure core never reaches into its impure shell.',
      from: { path: `${SRC}conversation/`, pathNot: `${SRC}conversation/runner/` },
      to: { path: `${SRC}conversation/runner/` },
    },
    {
      name: 'pure-conversation-no-packages',
      severity: 'error',
      comment: 'The pure core uses no npm package and no Node built-in (no I/O).',
      from: { path: `${SRC}conversation/`, pathNot: `${SRC}conversation/runner/` },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'core'] },
    },
    {
      name: 'intake-stays-at-the-door',
      severity: 'error',
      comment:
        'Intake verifies and enqueues; it never runs conversations, operations, SQL or sends.',
      from: { path: `${SRC}intake/` },
      to: {
        path: [`${SRC}conversation/runner/`, `${SRC}operations/`, `${SRC}db/`, `${SRC}outbound/`],
      },
    },
    {
      name: 'db-imports-no-stage',
      severity: 'error',
      comment:
        'Repositories depend on nothing of the message path (only shared/ and npm packages).',
      from: { path: `${SRC}db/` },
      to: { path: SRC, pathNot: [`${SRC}db/`, `${SRC}shared/`] },
    },
    {
      name: 'shared-is-a-leaf',
      severity: 'error',
      comment:
        'shared/ holds types and small pure helpers used everywhere; it imports nothing of the service.',
      from: { path: `${SRC}shared/` },
      to: { path: SRC, pathNot: `${SRC}shared/` },
    },
    {
      name: 'no-dev-in-src',
      severity: 'error',
      comment: 'The fake Cloud API and the demo chat (backend/dev) never reach production code.',
      from: { path: SRC },
      to: { path: '^backend/dev/' },
    },
    {
      name: 'only-wiring-builds-the-process',
      severity: 'error',
      comment: 'Nothing but main.ts imports the wiring (construction only).',
      from: { path: SRC, pathNot: [`${SRC}wiring/`, `${SRC}main\\.ts$`] },
      to: { path: `${SRC}wiring/` },
    },
    {
      name: 'console-is-a-leaf',
      severity: 'error',
      comment: 'The ops console uses the services; nothing but the wiring uses the console.',
      from: { path: SRC, pathNot: [`${SRC}console/`, `${SRC}wiring/`] },
      to: { path: `${SRC}console/` },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: { path: SRC },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    includeOnly: '^backend/',
  },
};

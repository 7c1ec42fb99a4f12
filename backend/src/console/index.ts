/** The ops console (issue 15): only wiring/ imports this folder. */
export { createConsoleRouter } from './router';
export { redisSessions } from './sessions';
export type { ConsoleDeps } from './deps';
export { hashPassword, passwordProblem } from './passwords';

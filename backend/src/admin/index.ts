export { createAdminRouter } from './router';
export type { AdminDeps, Notify } from './types';

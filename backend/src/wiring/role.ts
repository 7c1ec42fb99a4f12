/** What a process runs: `all` (webhook + workers, the default), `web` (webhook only), `worker`. */
export type Role = 'all' | 'web' | 'worker';

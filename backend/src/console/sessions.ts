/**
 * Console sessions in Redis: an unguessable id (32 random bytes) in an HttpOnly cookie, the
 * session (operator, role, CSRF token) under `queue/keys.ts` consoleSessionKey with a sliding TTL.
 * A sign-in always creates a new id (no session fixation); sign-out deletes it.
 */
import { randomBytes } from 'node:crypto';
import type { Redis, Cluster } from 'ioredis';
import type { OperatorRole } from '../db/operators';
import { consoleSessionKey } from '../queue/keys';

export interface ConsoleSession {
  id: string;
  operatorId: number;
  username: string;
  displayName: string;
  role: OperatorRole;
  csrf: string;
  createdAt: number;
}

export interface SessionStore {
  create(s: Omit<ConsoleSession, 'id' | 'csrf' | 'createdAt'>): Promise<ConsoleSession>;
  get(id: string): Promise<ConsoleSession | null>;
  destroy(id: string): Promise<void>;
}

export const newToken = (): string => randomBytes(32).toString('base64url');

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export function redisSessions(redis: Redis | Cluster, prefix: string, ttlMs: number): SessionStore {
  return {
    async create(s) {
      const session: ConsoleSession = {
        ...s,
        id: newToken(),
        csrf: newToken(),
        createdAt: Date.now(),
      };
      await redis.set(consoleSessionKey(prefix, session.id), JSON.stringify(session), 'PX', ttlMs);
      return session;
    },
    async get(id) {
      if (!SESSION_ID.test(id)) return null;
      const key = consoleSessionKey(prefix, id);
      const raw = await redis.get(key);
      if (!raw) return null;
      await redis.pexpire(key, ttlMs);
      return JSON.parse(raw) as ConsoleSession;
    },
    async destroy(id) {
      if (SESSION_ID.test(id)) await redis.del(consoleSessionKey(prefix, id));
    },
  };
}

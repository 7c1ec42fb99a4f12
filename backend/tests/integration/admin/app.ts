/** An Express app with only the admin router mounted, as the real app does (for supertest). */
import express, { type Express } from 'express';
import type { Knex } from 'knex';
import { createAdminRouter } from '../../../src/admin';
import type { FlagService } from '../../../src/flags';

export const KEYS = ['admin-key-current-0123456789abcdef', 'admin-key-previous-fedcba9876543210'];

export interface Notice {
  userKey: string;
  notice: string;
  data: Record<string, unknown>;
}

export function adminApp(
  knex: Knex,
  options: { keys?: string[]; failNotify?: boolean; flags?: FlagService } = {},
): { app: Express; notices: Notice[] } {
  const notices: Notice[] = [];
  const app = express();
  app.use(
    '/admin',
    createAdminRouter({
      knex,
      apiKeys: options.keys ?? KEYS,
      notify: async (userKey, notice, data) => {
        if (options.failNotify) throw new Error('queue down');
        notices.push({ userKey, notice, data });
      },
      ...(options.flags ? { flags: options.flags } : {}),
    }),
  );
  return { app, notices };
}

export const bearer = (key = KEYS[0]!): [string, string] => ['Authorization', `Bearer ${key}`];

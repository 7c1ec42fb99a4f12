/**
 * Test environment defaults. Each test file gets its own Redis key prefix and Postgres schema
 * (see helpers/db.ts and helpers/redis.ts), so files never see each other's data.
 */
import os from 'node:os';
import path from 'node:path';

process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
process.env.WHATSAPP_APP_SECRET = 'test-app-secret';
process.env.WHATSAPP_VERIFY_TOKEN = 'test-verify-token';
process.env.WHATSAPP_ACCESS_TOKEN = 'test-access-token';
process.env.WHATSAPP_PHONE_NUMBER_ID = '106540352242922';
process.env.ADMIN_API_KEYS = 'test-admin-key-0123456789abcdef';
// Received media go to a temporary directory, never into the repository (tests that look at the
// files set their own MEDIA_LOCAL_DIR).
process.env.MEDIA_LOCAL_DIR =
  process.env.MEDIA_LOCAL_DIR ?? path.join(os.tmpdir(), `ubermench-test-media-${process.pid}`);

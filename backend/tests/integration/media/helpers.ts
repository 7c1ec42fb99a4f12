/** Shared set-up of the media tests: users, a request, media deps against the fake. */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { findOrCreateByIdentity } from '../../../src/db/users';
import { createRequest } from '../../../src/db/requests';
import { createCloudMediaClient } from '../../../src/media/cloud-media-client';
import type { MediaDeps } from '../../../src/media/deps';
import type { MediaStorage } from '../../../src/media/storage/types';
import { ROMA_NORTE, seedServiceTypes } from '../../helpers/marketplace';

export const PHONE_NUMBER_ID = process.env.WHATSAPP_PHONE_NUMBER_ID ?? '106540352242922';

export function mediaDeps(
  knex: Knex,
  fakeUrl: string,
  storage: MediaStorage,
  overrides: Partial<MediaDeps> = {},
): MediaDeps {
  return {
    knex,
    storage,
    cloud: createCloudMediaClient({
      baseUrl: fakeUrl,
      apiVersion: 'v23.0',
      phoneNumberId: PHONE_NUMBER_ID,
      accessToken: process.env.WHATSAPP_ACCESS_TOKEN ?? 'test-access-token',
      timeoutMs: 5000,
    }),
    maxCaptionLength: 4096,
    ...overrides,
  };
}

export async function addUser(knex: Knex, waId: string): Promise<number> {
  const { user } = await findOrCreateByIdentity(knex, { waId });
  return user.id;
}

export async function addRequest(
  knex: Knex,
  customerId: number,
  key = `ev-${randomBytes(4).toString('hex')}`,
): Promise<number> {
  const services = await seedServiceTypes(knex);
  const { request } = await createRequest(knex, {
    customerId,
    serviceTypeId: services.get('plumbing')!,
    lat: ROMA_NORTE.lat,
    lng: ROMA_NORTE.lng,
    idempotencyKey: key,
  });
  return request.id;
}

/** Bytes that start like a JPEG (the module never sniffs content; the shape is for humans). */
export function jpegBytes(size: number): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(Math.max(0, size - 4))]);
}

export const MB = 1024 * 1024;

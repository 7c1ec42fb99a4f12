/** Local WhatsApp Cloud API fake: send endpoint, failures, recording, signed webhooks. Never in production. */
export {
  startFakeCloudApi,
  assertNotProduction,
  type FakeCloudApi,
  type FakeCloudApiOptions,
} from './server';
export type { RecordedMessage } from './recorder';
export type { FailureSpec } from './failures';
export { FAILURE_PRESETS, type FailurePreset } from './meta-responses';
export type { WebhookPostResult } from './webhook-poster';
export { metaJsonStringify } from './meta-json';
export * from './payloads';
export type * from './webhook-types';
export type { DemoPerson } from './chat/routes';

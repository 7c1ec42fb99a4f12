/** Local WhatsApp Cloud API fake: send and media endpoints, failures, recording, signed webhooks. Never in production. */
export {
  startFakeCloudApi,
  assertNotProduction,
  type FakeCloudApi,
  type FakeCloudApiOptions,
  type InboundMediaSpec,
  type InboundMediaResult,
} from './server';
export type { FakeMedia, AddMediaSpec } from './media-store';
export type { RecordedMessage } from './recorder';
export type { FailureSpec } from './failures';
export { FAILURE_PRESETS, type FailurePreset } from './meta-responses';
export type { WebhookPostResult } from './webhook-poster';
export { metaJsonStringify } from './meta-json';
export * from './payloads';
export type * from './webhook-types';

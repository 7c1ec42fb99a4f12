/**
 * The local Cloud API fake for tests: real HTTP over loopback, random port.
 *   const fake = await startFake({ accessToken: 'test-access-token' });
 *   … afterAll(() => fake.stop());
 */
import {
  startFakeCloudApi,
  type FakeCloudApi,
  type FakeCloudApiOptions,
} from '../../dev/fake-cloud-api';

export * from '../../dev/fake-cloud-api';

/** Start the fake on a random port with the test environment's token and secret. */
export function startFake(options: FakeCloudApiOptions = {}): Promise<FakeCloudApi> {
  return startFakeCloudApi({
    port: 0,
    accessToken: process.env.WHATSAPP_ACCESS_TOKEN ?? 'test-access-token',
    appSecret: process.env.WHATSAPP_APP_SECRET ?? 'test-app-secret',
    ...options,
  });
}

import { parseRetryAfter } from '../../../src/outbound/cloud-api-client';
import {
  CloudApiError,
  classifyCloudError,
  cloudErrorFromNetwork,
  cloudErrorFromResponse,
  scrubToken,
} from '../../../src/outbound/cloud-api-errors';

const metaError = (code: number, message: string, details?: string) => ({
  error: {
    message,
    type: 'OAuthException',
    code,
    ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}),
    fbtrace_id: 'AbCdEf123',
  },
});

describe('classifyCloudError', () => {
  it.each([130429, 131056, 131000, 1, 2, 4, 80007])(
    'code %d is retryable (even with HTTP 400)',
    (code) => {
      expect(classifyCloudError(code, 400)).toBe('retryable');
    },
  );
  it.each([100, 131026, 131030, 131048, 131049, 368, 131031])('code %d is permanent', (code) => {
    expect(classifyCloudError(code, 400)).toBe('permanent');
  });
  it('131047 closes the window; 190 and HTTP 401 are auth', () => {
    expect(classifyCloudError(131047, 400)).toBe('window_closed');
    expect(classifyCloudError(190, 401)).toBe('auth');
    expect(classifyCloudError(190, 400)).toBe('auth');
    expect(classifyCloudError(undefined, 401)).toBe('auth');
  });
  it('falls back on the HTTP status for unknown codes', () => {
    expect(classifyCloudError(undefined, 500)).toBe('retryable');
    expect(classifyCloudError(undefined, 503)).toBe('retryable');
    expect(classifyCloudError(undefined, 429)).toBe('retryable');
    expect(classifyCloudError(undefined, 408)).toBe('retryable');
    expect(classifyCloudError(131009, 400)).toBe('permanent');
    expect(classifyCloudError(10, 403)).toBe('permanent');
    expect(classifyCloudError(undefined, 404)).toBe('permanent');
    expect(classifyCloudError(999999, 502)).toBe('retryable');
  });
  it('no response at all is retryable', () => {
    expect(classifyCloudError(undefined, undefined)).toBe('retryable');
  });
});

describe('cloudErrorFromResponse', () => {
  it('reads code, title, details and fbtrace id from Meta’s error body', () => {
    const err = cloudErrorFromResponse(
      400,
      metaError(
        131047,
        '(#131047) Re-engagement message',
        'Message failed to send because more than 24 hours have passed',
      ),
    );
    expect(err).toBeInstanceOf(CloudApiError);
    expect(err).toMatchObject({
      kind: 'window_closed',
      httpStatus: 400,
      code: 131047,
      title: 'Re-engagement message',
      details: 'Message failed to send because more than 24 hours have passed',
      fbtraceId: 'AbCdEf123',
      minRetryDelayMs: 0,
    });
    expect(err.message).toBe('Cloud API HTTP 400 code 131047: Re-engagement message');
    expect(err.retryable).toBe(false);
  });
  it('asks for ≥ 6 s before retrying a pair-rate error', () => {
    const err = cloudErrorFromResponse(
      400,
      metaError(131056, '(#131056) (Business Account, Consumer Account) pair rate limit hit'),
    );
    expect(err).toMatchObject({ kind: 'retryable', code: 131056, minRetryDelayMs: 6000 });
  });
  it('honours Retry-After', () => {
    expect(
      cloudErrorFromResponse(429, metaError(130429, 'Rate limit hit'), { retryAfterMs: 2000 })
        .minRetryDelayMs,
    ).toBe(2000);
    expect(
      cloudErrorFromResponse(400, metaError(131056, 'pair'), { retryAfterMs: 1000 })
        .minRetryDelayMs,
    ).toBe(6000);
  });
  it('tolerates non-Meta bodies', () => {
    expect(cloudErrorFromResponse(502, '<html>Bad gateway</html>')).toMatchObject({
      kind: 'retryable',
      httpStatus: 502,
      code: undefined,
    });
    expect(cloudErrorFromResponse(400, { error: 'nope' })).toMatchObject({
      kind: 'permanent',
      code: undefined,
    });
    expect(cloudErrorFromResponse(400, null).message).toBe('Cloud API HTTP 400');
  });
  it('never carries the access token', () => {
    const token = 'EAAGm0PX4ZCpsBAKZCZAtesttoken1234567890';
    const err = cloudErrorFromResponse(
      401,
      metaError(190, `Malformed access token ${token}`, `token ${token}`),
      { accessToken: token },
    );
    expect(err.kind).toBe('auth');
    const everything = JSON.stringify({ ...err, message: err.message, stack: err.stack });
    expect(everything).not.toContain(token);
    expect(err.title).toBe('Malformed access token [redacted]');
  });
});

describe('cloudErrorFromNetwork', () => {
  it('is retryable with the network code', () => {
    expect(cloudErrorFromNetwork('ECONNRESET', false)).toMatchObject({
      kind: 'retryable',
      networkCode: 'ECONNRESET',
      title: 'network',
    });
    expect(cloudErrorFromNetwork('ETIMEDOUT', true)).toMatchObject({
      kind: 'retryable',
      title: 'timeout',
      message: 'Cloud API request timed out',
    });
    expect(cloudErrorFromNetwork(undefined, false).httpStatus).toBeUndefined();
  });
});

describe('scrubToken', () => {
  it('removes the given token and EAA…-shaped tokens', () => {
    expect(scrubToken('bad token abc-secret-xyz here', 'abc-secret-xyz')).toBe(
      'bad token [redacted] here',
    );
    expect(scrubToken('EAAB1234567890abcdefXYZ leaked')).toBe('[redacted] leaked');
    expect(scrubToken('nothing to hide')).toBe('nothing to hide');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2026-11-26T10:00:00Z');
    expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-1')).toBeUndefined();
  });
});

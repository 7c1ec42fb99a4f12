import { internalEndpointsAccess } from '../../../src/security/internal-endpoints';
import { httpServerOptions, TIMEOUT_CHECK_INTERVAL_MS } from '../../../src/security/connections';

describe('internalEndpointsAccess: who may read /metrics and /health/ready', () => {
  const token = 'metrics-token-0123456789abcdef';

  it.each([
    [
      'production',
      0,
      '',
      {
        onPublicPort: 'closed',
        internalPort: null,
        warning: expect.stringMatching(/INTERNAL_PORT.*METRICS_TOKEN/),
      },
    ],
    ['production', 9100, '', { onPublicPort: 'closed', internalPort: 9100, warning: null }],
    ['production', 0, token, { onPublicPort: 'token', internalPort: null, warning: null }],
    ['production', 9100, token, { onPublicPort: 'token', internalPort: 9100, warning: null }],
    ['development', 0, '', { onPublicPort: 'open', internalPort: null, warning: null }],
    ['test', 0, '', { onPublicPort: 'open', internalPort: null, warning: null }],
    ['development', 9100, '', { onPublicPort: 'closed', internalPort: 9100, warning: null }],
    ['test', 0, token, { onPublicPort: 'token', internalPort: null, warning: null }],
  ] as const)('%s, INTERNAL_PORT=%i, token %p', (env, internalPort, metricsToken, expected) => {
    expect(internalEndpointsAccess({ env, internalPort, metricsToken })).toEqual(expected);
  });
});

describe('httpServerOptions', () => {
  it('sets the configured timeouts and checks them every second', () => {
    expect(
      httpServerOptions({
        headersTimeoutMs: 5000,
        requestTimeoutMs: 10000,
        keepAliveTimeoutMs: 5000,
      }),
    ).toEqual({
      headersTimeout: 5000,
      requestTimeout: 10000,
      keepAliveTimeout: 5000,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    });
    expect(TIMEOUT_CHECK_INTERVAL_MS).toBe(1000);
  });

  it('caps the headers timeout at the request timeout (Node refuses a longer one)', () => {
    expect(
      httpServerOptions({
        headersTimeoutMs: 20000,
        requestTimeoutMs: 8000,
        keepAliveTimeoutMs: 5000,
      }),
    ).toMatchObject({ headersTimeout: 8000, requestTimeout: 8000 });
  });
});

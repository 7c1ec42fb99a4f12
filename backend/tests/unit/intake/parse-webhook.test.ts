import { admission, parseWebhook } from '../../../src/intake/parse-webhook';

/** Admits every event of business number '1' whatever its time (the admission rules have their own tests below). */
const admitAll = { phoneNumberIds: new Set(['1']), maxAgeMs: Infinity, maxAheadMs: Infinity };
const limits = { maxEvents: 100, maxTextLength: 50, admission: admitAll };
const NOW = 1_764_100_000_000;
const buf = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

function envelope(value: Record<string, unknown>, field = 'messages') {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field,
            value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '1' }, ...value },
          },
        ],
      },
    ],
  };
}

describe('parseWebhook', () => {
  it('rejects non-JSON and non-WABA envelopes', () => {
    expect(parseWebhook(buf('{not json'), limits, NOW)).toMatchObject({ ok: false });
    expect(parseWebhook(buf({ object: 'page', entry: [] }), limits, NOW)).toMatchObject({
      ok: false,
    });
    expect(parseWebhook(buf({ object: 'whatsapp_business_account' }), limits, NOW)).toMatchObject({
      ok: false,
    });
    expect(parseWebhook(buf([1, 2]), limits, NOW)).toMatchObject({ ok: false });
    expect(parseWebhook(buf('null'), limits, NOW)).toMatchObject({ ok: false });
  });

  it('normalises text, buttons, list replies, template buttons, locations and unsupported types', () => {
    const messages = [
      {
        from: '5215512345678',
        id: 'wamid.1',
        timestamp: '1764100000',
        type: 'text',
        text: { body: 'hola' },
      },
      {
        from: '5215512345678',
        id: 'wamid.2',
        timestamp: '1764100001',
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'menu:new', title: 'Pedir' } },
      },
      {
        from: '5215512345678',
        id: 'wamid.3',
        timestamp: '1764100002',
        type: 'interactive',
        interactive: { type: 'list_reply', list_reply: { id: 'svc:1', title: 'Plomería' } },
      },
      {
        from: '5215512345678',
        id: 'wamid.4',
        timestamp: '1764100003',
        type: 'button',
        button: { text: 'Aceptar', payload: 'offer:accept:9' },
      },
      {
        from: '5215512345678',
        id: 'wamid.5',
        timestamp: '1764100004',
        type: 'location',
        location: { latitude: 19.4, longitude: -99.1 },
      },
      {
        from: '5215512345678',
        id: 'wamid.6',
        timestamp: '1764100005',
        type: 'sticker',
        sticker: { id: 'm' },
      },
      { from: '5215512345678', id: 'wamid.7', timestamp: '1764100006', type: 'weird_new_type' },
    ];
    const out = parseWebhook(
      buf(envelope({ contacts: [{ profile: { name: 'Ana' }, wa_id: '5215512345678' }], messages })),
      limits,
      NOW,
    );
    if (!out.ok) throw new Error(out.reason);
    const kinds = out.result.messages.map((m) => m.event.kind);
    expect(kinds).toEqual([
      'text',
      'button',
      'listReply',
      'button',
      'location',
      'unsupported',
      'unsupported',
    ]);
    expect(out.result.messages[0].identity).toEqual({
      key: 'wa:5215512345678',
      waId: '5215512345678',
    });
    expect(out.result.messages[0].event).toMatchObject({
      id: 'wamid.1',
      at: 1764100000000,
      profile: { name: 'Ana' },
      text: 'hola',
    });
    expect(out.result.messages[3].event).toMatchObject({ buttonId: 'offer:accept:9' });
    expect(out.result.messages[6].event).toMatchObject({ messageType: 'other' });
  });

  it('keys username-only users by BSUID', () => {
    const out = parseWebhook(
      buf(
        envelope({
          contacts: [{ profile: { name: 'Bo', username: '@bo' }, user_id: 'MX.abc123' }],
          messages: [
            {
              from_user_id: 'MX.abc123',
              id: 'wamid.9',
              timestamp: '1764100000',
              type: 'text',
              text: { body: 'hi' },
            },
          ],
        }),
      ),
      limits,
      NOW,
    );
    if (!out.ok) throw new Error(out.reason);
    expect(out.result.messages[0].identity).toEqual({ key: 'bs:MX.abc123', bsuid: 'MX.abc123' });
    expect(out.result.messages[0].event.profile).toEqual({ name: 'Bo', username: '@bo' });
  });

  it('truncates long text, skips invalid items, keeps statuses and reports system errors', () => {
    const out = parseWebhook(
      buf(
        envelope({
          messages: [
            {
              from: '5215512345678',
              id: 'wamid.1',
              timestamp: '1',
              type: 'text',
              text: { body: 'x'.repeat(500) },
            },
            { from: 'not-a-number', id: 'wamid.2', type: 'text', text: { body: 'x' } },
            { id: 42 },
            'garbage',
          ],
          statuses: [
            {
              id: 'wamid.out1',
              status: 'delivered',
              timestamp: '1764100000',
              recipient_id: '5215512345678',
            },
            {
              id: 'wamid.out2',
              status: 'failed',
              timestamp: '1764100000',
              recipient_id: '5215512345678',
              errors: [{ code: 131047, title: 'Re-engagement message' }],
            },
            { id: 'wamid.out3', status: 'exploded' },
          ],
          errors: [{ code: 130429 }],
        }),
      ),
      limits,
      NOW,
    );
    if (!out.ok) throw new Error(out.reason);
    expect(out.result.messages).toHaveLength(1);
    expect((out.result.messages[0].event as { text: string }).text).toHaveLength(50);
    expect(out.result.skipped).toHaveLength(4);
    expect(out.result.statuses.map((s) => s.status)).toEqual(['delivered', 'failed']);
    expect(out.result.statuses[1].errorCode).toBe(131047);
    expect(out.result.systemErrors).toEqual([130429]);
  });

  it('ignores changes of other fields and caps events per delivery', () => {
    const other = parseWebhook(
      buf(
        envelope(
          { messages: [{ from: '1234567', id: 'x', type: 'text', text: { body: 'a' } }] },
          'account_update',
        ),
      ),
      limits,
      NOW,
    );
    expect(other).toMatchObject({ ok: true, result: { messages: [] } });
    const many = Array.from({ length: 101 }, (_, i) => ({
      from: '5215512345678',
      id: `wamid.${i}`,
      type: 'text',
      text: { body: 'a' },
    }));
    expect(parseWebhook(buf(envelope({ messages: many })), limits, NOW)).toMatchObject({
      ok: false,
    });
  });

  it('uses the receive time when the timestamp is missing or invalid', () => {
    const out = parseWebhook(
      buf(
        envelope({
          messages: [
            { from: '5215512345678', id: 'w', timestamp: 'abc', type: 'text', text: { body: 'a' } },
          ],
        }),
      ),
      limits,
      NOW,
    );
    if (!out.ok) throw new Error(out.reason);
    expect(out.result.messages[0].event.at).toBe(NOW);
  });
});

describe('admission: our business numbers only, message times within the dedupe window', () => {
  const DAY = 24 * 3600;
  const rules = admission({
    phoneNumberIds: ['106540352242922', '106540352242923'],
    dedupeTtlSeconds: 7 * DAY,
    maxClockSkewSeconds: 300,
  });
  const at = (offsetSeconds: number) => String(Math.floor(NOW / 1000) + offsetSeconds);
  const text = (id: string, timestamp?: string) => ({
    from: '5215512345678',
    id,
    ...(timestamp === undefined ? {} : { timestamp }),
    type: 'text',
    text: { body: 'hola' },
  });
  const change = (phoneNumberId: unknown, value: Record<string, unknown>) => ({
    field: 'messages',
    value: {
      messaging_product: 'whatsapp',
      ...(phoneNumberId === undefined
        ? {}
        : { metadata: { phone_number_id: phoneNumberId, display_phone_number: '15550000000' } }),
      ...value,
    },
  });
  const parse = (...changes: unknown[]) => {
    const out = parseWebhook(
      buf({ object: 'whatsapp_business_account', entry: [{ id: 'WABA', changes }] }),
      { maxEvents: 100, maxTextLength: 50, admission: rules },
      NOW,
    );
    if (!out.ok) throw new Error(out.reason);
    return out.result;
  };

  it('derives the window from the dedupe TTL: accepted up to TTL − skew old and skew ahead; the skew is capped at half the TTL', () => {
    expect(rules).toEqual({
      phoneNumberIds: new Set(['106540352242922', '106540352242923']),
      maxAgeMs: (7 * DAY - 300) * 1000,
      maxAheadMs: 300_000,
    });
    expect(
      admission({ phoneNumberIds: [], dedupeTtlSeconds: 120, maxClockSkewSeconds: 300 }),
    ).toMatchObject({ maxAgeMs: 60_000, maxAheadMs: 60_000 });
  });

  it('handles every configured number and refuses (counts) messages and statuses of any other number', () => {
    const statuses = [
      { id: 'wamid.out', status: 'delivered', timestamp: at(0), recipient_id: '5215512345678' },
    ];
    const result = parse(
      change('106540352242922', { messages: [text('a', at(0))], statuses }),
      change('106540352242923', { messages: [text('b', at(0))] }),
      change('999999999999999', {
        messages: [text('c', at(0)), text('d', at(0))],
        statuses,
        errors: [{ code: 131000 }],
      }),
      change(undefined, { messages: [text('e', at(0))] }),
      change(106540352242922, { messages: [text('f', at(0))] }),
      change('106540352242922 ', { messages: [text('g', at(0))] }),
    );
    expect(result.messages.map((m) => m.event.id)).toEqual(['a', 'b']);
    expect(result.statuses.map((s) => s.wamid)).toEqual(['wamid.out']);
    expect(result.refused).toEqual({ foreign_number: 6, too_old: 0, from_future: 0 });
    // Errors Meta reports for someone else's number are not ours either.
    expect(result.systemErrors).toEqual([]);
  });

  it('refuses messages older than the window or from beyond the skew; the edges and a missing timestamp are accepted', () => {
    const result = parse(
      change('106540352242922', {
        messages: [
          text('now', at(0)),
          text('edge-old', at(-(7 * DAY - 300))),
          text('too-old', at(-(7 * DAY - 299))),
          text('a-year-old', at(-365 * DAY)),
          text('edge-ahead', at(300)),
          text('ahead', at(301)),
          text('year-2100', '4102444800'),
          text('no-time'),
          text('bad-time', 'abc'),
        ],
      }),
    );
    expect(result.messages.map((m) => m.event.id)).toEqual([
      'now',
      'edge-old',
      'edge-ahead',
      'no-time',
      'bad-time',
    ]);
    expect(result.refused).toEqual({ foreign_number: 0, too_old: 2, from_future: 2 });
  });
});

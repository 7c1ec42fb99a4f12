/**
 * Bounded work per webhook: every string the parser keeps is capped, whatever field it came
 * from, so a huge (signed) body never turns into huge inbox entries, logs or state.
 */
import { parseWebhook } from '../../../src/intake/parse-webhook';

const NOW = 1_764_100_000_000;
const HUGE = 'x'.repeat(200_000);
// Every event admitted (business number and message times have their own tests in unit/intake/parse-webhook.test.ts).
const limits = {
  maxEvents: 50,
  maxTextLength: 4096,
  admission: { phoneNumberIds: new Set([HUGE]), maxAgeMs: Infinity, maxAheadMs: Infinity },
};
const buf = (v: unknown) => Buffer.from(JSON.stringify(v));

function envelope(value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: HUGE,
        changes: [{ field: 'messages', value: { metadata: { phone_number_id: HUGE }, ...value } }],
      },
    ],
  };
}

describe('parse-webhook keeps only bounded strings', () => {
  it('caps text, ids, names, titles, payloads, addresses and status fields', () => {
    const from = '5215512345678';
    const messages = [
      { from, id: `wamid.${HUGE}`, timestamp: HUGE, type: 'text', text: { body: HUGE } },
      {
        from,
        id: 'w2',
        timestamp: '1',
        type: 'interactive',
        interactive: { button_reply: { id: HUGE, title: HUGE } },
      },
      {
        from,
        id: 'w3',
        timestamp: '1',
        type: 'interactive',
        interactive: { list_reply: { id: HUGE, title: HUGE, description: HUGE } },
      },
      { from, id: 'w4', timestamp: '1', type: 'button', button: { payload: HUGE, text: HUGE } },
      {
        from,
        id: 'w5',
        timestamp: '1',
        type: 'location',
        location: { latitude: 19.4, longitude: -99.1, name: HUGE, address: HUGE },
      },
      { from, id: 'w6', timestamp: '1', type: HUGE, [HUGE]: HUGE },
      { from: HUGE, id: 'w7', type: 'text', text: { body: 'sender is garbage' } },
    ];
    const statuses = [
      {
        id: HUGE,
        status: 'failed',
        timestamp: HUGE,
        recipient_id: HUGE,
        errors: [{ code: 131047, title: HUGE }],
      },
    ];
    const contacts = [{ wa_id: from, user_id: HUGE, profile: { name: HUGE, username: HUGE } }];
    const out = parseWebhook(buf(envelope({ contacts, messages, statuses })), limits, NOW);
    if (!out.ok) throw new Error(out.reason);
    expect(out.result.messages).toHaveLength(6);
    expect(out.result.skipped).toEqual(['message without a valid sender']);
    for (const { event } of out.result.messages)
      expect(JSON.stringify(event).length).toBeLessThan(6000);
    const text = out.result.messages[0]!.event;
    expect(text).toMatchObject({ kind: 'text' });
    expect((text as { text: string }).text).toHaveLength(4096);
    expect(out.result.messages[5]!.event).toMatchObject({
      kind: 'unsupported',
      messageType: 'other',
    });
    expect(JSON.stringify(out.result.statuses).length).toBeLessThan(1000);
    expect(JSON.stringify(out.result).length).toBeLessThan(40_000);
  });

  it('refuses more than maxEvents events in one delivery', () => {
    const messages = Array.from({ length: 51 }, (_, i) => ({
      from: '5215512345678',
      id: `w${i}`,
      type: 'text',
      text: { body: 'x' },
    }));
    expect(parseWebhook(buf(envelope({ messages })), limits, NOW)).toEqual({
      ok: false,
      reason: 'more than 50 events in one delivery',
    });
    const statuses = Array.from({ length: 51 }, (_, i) => ({ id: `w${i}`, status: 'read' }));
    expect(parseWebhook(buf(envelope({ statuses })), limits, NOW)).toMatchObject({ ok: false });
  });

  it('wrong types anywhere never throw (one skipped item, not a failed batch)', () => {
    const weird: unknown[] = [
      null,
      1,
      'x',
      [],
      true,
      { id: 1 },
      { id: 'w', from: 5215512345678 },
      { id: 'w', from: '5215512345678', type: 'text', text: 'flat' },
    ];
    for (const m of weird) {
      const out = parseWebhook(
        buf(envelope({ messages: [m], statuses: [m], contacts: [m], errors: [m] })),
        limits,
        NOW,
      );
      expect(out.ok).toBe(true);
    }
    for (const value of [null, 1, 'x', [], { messages: 'x' }, { messages: { 0: 1 } }]) {
      const body = {
        object: 'whatsapp_business_account',
        entry: [{ changes: [{ field: 'messages', value }] }],
      };
      expect(() => parseWebhook(buf(body), limits, NOW)).not.toThrow();
    }
  });
});

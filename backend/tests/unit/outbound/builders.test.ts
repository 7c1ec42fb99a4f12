import { buildMarkRead, buildPayload } from '../../../src/outbound/builders';
import { MessageLimitError } from '../../../src/outbound/limits';
import type { ListSection, OutboundMessage } from '../../../src/shared/messages';

const MX = { phone: '5215512345678' };
const s = (n: number, c = 'a') => c.repeat(n);
/** `n` emoji: n code points, 2n UTF-16 units. */
const emoji = (n: number) => '😀'.repeat(n);

function limitError(fn: () => unknown): MessageLimitError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MessageLimitError) return e;
    throw e;
  }
  throw new Error('expected a MessageLimitError');
}

const buttons = (titles: string[]): OutboundMessage => ({
  type: 'buttons',
  body: '¿Confirmas?',
  buttons: titles.map((title, i) => ({ id: `b${i}`, title })),
});
const list = (
  sections: ListSection[],
  extra: Partial<Extract<OutboundMessage, { type: 'list' }>> = {},
): OutboundMessage => ({
  type: 'list',
  body: 'Elige un servicio',
  button: 'Ver servicios',
  sections,
  ...extra,
});
const rows = (n: number, prefix = 'r') =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, title: `Fila ${prefix}${i}` }));

describe('recipient', () => {
  it('sends MX WhatsApp ids to the 52 + 10 number', () => {
    expect(buildPayload(MX, { type: 'text', body: 'Hola' })).toMatchObject({
      to: '525512345678',
      recipient_type: 'individual',
    });
  });
  it('sends AR WhatsApp ids to the 54 + 10 number and leaves others unchanged', () => {
    expect(buildPayload({ phone: '5491123456789' }, { type: 'text', body: 'x' }).to).toBe(
      '541123456789',
    );
    expect(buildPayload({ phone: '14155552671' }, { type: 'text', body: 'x' }).to).toBe(
      '14155552671',
    );
  });
  it('accepts a leading + and still converts', () => {
    expect(buildPayload({ phone: '+5215512345678' }, { type: 'text', body: 'x' }).to).toBe(
      '525512345678',
    );
  });
  it('uses `recipient` when only a BSUID is known, and only `to` when both are', () => {
    const bsuidOnly = buildPayload(
      { bsuid: 'MX.13491208655302741918' },
      { type: 'text', body: 'x' },
    );
    expect(bsuidOnly).toMatchObject({ recipient: 'MX.13491208655302741918' });
    expect(bsuidOnly).not.toHaveProperty('to');
    const both = buildPayload(
      { phone: '5215512345678', bsuid: 'MX.1349' },
      { type: 'text', body: 'x' },
    );
    expect(both.to).toBe('525512345678');
    expect(both).not.toHaveProperty('recipient');
    expect(
      buildPayload({ bsuid: 'US.ENT.11815799212886844830' }, { type: 'text', body: 'x' }).recipient,
    ).toBe('US.ENT.11815799212886844830');
  });
  it('requires a well-formed phone or BSUID', () => {
    expect(limitError(() => buildPayload({}, { type: 'text', body: 'x' }))).toMatchObject({
      field: 'to',
      rule: 'required',
    });
    expect(
      limitError(() => buildPayload({ phone: 'abc' }, { type: 'text', body: 'x' })),
    ).toMatchObject({ field: 'to', rule: 'format' });
    expect(
      limitError(() => buildPayload({ bsuid: '1234' }, { type: 'text', body: 'x' })),
    ).toMatchObject({ field: 'recipient', rule: 'format' });
  });
});

describe('text', () => {
  it('builds the exact body', () => {
    expect(buildPayload(MX, { type: 'text', body: 'Hola Ana 👋' })).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '525512345678',
      type: 'text',
      text: { body: 'Hola Ana 👋', preview_url: false },
    });
    expect(
      buildPayload(MX, { type: 'text', body: 'https://x.mx', previewUrl: true }),
    ).toMatchObject({
      text: { body: 'https://x.mx', preview_url: true },
    });
  });
  it('adds context.message_id when replying', () => {
    expect(
      buildPayload(MX, { type: 'text', body: 'ok' }, { replyTo: 'wamid.ABC' }).context,
    ).toEqual({ message_id: 'wamid.ABC' });
    expect(
      limitError(() => buildPayload(MX, { type: 'text', body: 'ok' }, { replyTo: '' })),
    ).toMatchObject({ field: 'context.message_id' });
  });
  it('allows 4096 characters, counted as code points', () => {
    expect(() => buildPayload(MX, { type: 'text', body: s(4096) })).not.toThrow();
    expect(() => buildPayload(MX, { type: 'text', body: emoji(4096) })).not.toThrow(); // 8192 UTF-16 units
    expect(limitError(() => buildPayload(MX, { type: 'text', body: s(4097) }))).toMatchObject({
      field: 'text.body',
      limit: 4096,
      actual: 4097,
    });
  });
  it('rejects an empty or blank body', () => {
    expect(limitError(() => buildPayload(MX, { type: 'text', body: '' }))).toMatchObject({
      field: 'text.body',
      rule: 'required',
    });
    expect(limitError(() => buildPayload(MX, { type: 'text', body: ' \n ' }))).toMatchObject({
      rule: 'required',
    });
  });
});

describe('reply buttons', () => {
  it('builds the exact body with header and footer', () => {
    const payload = buildPayload(MX, {
      type: 'buttons',
      header: 'Tu cita',
      body: '¿Confirmas?',
      footer: 'Ubermench',
      buttons: [
        { id: 'yes', title: 'Sí' },
        { id: 'no', title: 'No' },
      ],
    });
    expect(payload).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '525512345678',
      type: 'interactive',
      interactive: {
        type: 'button',
        header: { type: 'text', text: 'Tu cita' },
        body: { text: '¿Confirmas?' },
        footer: { text: 'Ubermench' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'yes', title: 'Sí' } },
            { type: 'reply', reply: { id: 'no', title: 'No' } },
          ],
        },
      },
    });
  });
  it('omits header and footer when absent', () => {
    const payload = buildPayload(MX, buttons(['A']));
    expect(payload.type === 'interactive' && payload.interactive).not.toHaveProperty('header');
    expect(payload.type === 'interactive' && payload.interactive).not.toHaveProperty('footer');
  });
  it('needs 1 to 3 buttons', () => {
    expect(limitError(() => buildPayload(MX, buttons([])))).toMatchObject({
      field: 'interactive.action.buttons',
      rule: 'minItems',
      limit: 1,
      actual: 0,
    });
    expect(() => buildPayload(MX, buttons(['A', 'B', 'C']))).not.toThrow();
    expect(limitError(() => buildPayload(MX, buttons(['A', 'B', 'C', 'D'])))).toMatchObject({
      rule: 'maxItems',
      limit: 3,
      actual: 4,
    });
  });
  it('limits titles to 20 code points, non-blank and unique', () => {
    expect(() => buildPayload(MX, buttons([s(20), emoji(20)]))).not.toThrow();
    expect(limitError(() => buildPayload(MX, buttons(['ok', s(21)])))).toMatchObject({
      field: 'interactive.action.buttons[1].reply.title',
      rule: 'maxLength',
      limit: 20,
      actual: 21,
    });
    expect(limitError(() => buildPayload(MX, buttons([emoji(21)])))).toMatchObject({ actual: 21 });
    expect(limitError(() => buildPayload(MX, buttons(['Sí', ' ']))).field).toBe(
      'interactive.action.buttons[1].reply.title',
    );
    expect(limitError(() => buildPayload(MX, buttons(['Sí', 'No', 'Sí'])))).toMatchObject({
      field: 'interactive.action.buttons[2].reply.title',
      rule: 'unique',
      actual: 2,
    });
  });
  it('limits ids to 256, no surrounding spaces, unique', () => {
    const withId = (id: string): OutboundMessage => ({
      type: 'buttons',
      body: 'x',
      buttons: [{ id, title: 'A' }],
    });
    expect(() => buildPayload(MX, withId(s(256)))).not.toThrow();
    expect(limitError(() => buildPayload(MX, withId(s(257))))).toMatchObject({
      field: 'interactive.action.buttons[0].reply.id',
      limit: 256,
      actual: 257,
    });
    expect(limitError(() => buildPayload(MX, withId(' yes')))).toMatchObject({
      rule: 'noSurroundingSpace',
    });
    expect(limitError(() => buildPayload(MX, withId('yes ')))).toMatchObject({
      rule: 'noSurroundingSpace',
    });
    expect(limitError(() => buildPayload(MX, withId('')))).toMatchObject({ rule: 'required' });
    const dup: OutboundMessage = {
      type: 'buttons',
      body: 'x',
      buttons: [
        { id: 'a', title: 'A' },
        { id: 'a', title: 'B' },
      ],
    };
    expect(limitError(() => buildPayload(MX, dup))).toMatchObject({
      field: 'interactive.action.buttons[1].reply.id',
      rule: 'unique',
    });
  });
  it('limits body 1024, header 60, footer 60', () => {
    const msg = (
      over: Partial<Extract<OutboundMessage, { type: 'buttons' }>>,
    ): OutboundMessage => ({
      type: 'buttons',
      body: 'x',
      buttons: [{ id: 'a', title: 'A' }],
      ...over,
    });
    expect(() =>
      buildPayload(MX, msg({ body: s(1024), header: s(60), footer: s(60) })),
    ).not.toThrow();
    expect(limitError(() => buildPayload(MX, msg({ body: s(1025) })))).toMatchObject({
      field: 'interactive.body.text',
      limit: 1024,
      actual: 1025,
    });
    expect(limitError(() => buildPayload(MX, msg({ header: s(61) })))).toMatchObject({
      field: 'interactive.header.text',
      limit: 60,
      actual: 61,
    });
    expect(limitError(() => buildPayload(MX, msg({ footer: emoji(61) })))).toMatchObject({
      field: 'interactive.footer.text',
      limit: 60,
      actual: 61,
    });
    expect(limitError(() => buildPayload(MX, msg({ header: '' })))).toMatchObject({
      field: 'interactive.header.text',
      rule: 'required',
    });
  });
});

describe('list', () => {
  it('builds the exact body', () => {
    const payload = buildPayload(
      MX,
      list(
        [
          {
            title: 'Hogar',
            rows: [
              { id: 'plumber', title: 'Plomero', description: 'Fugas y tuberías' },
              { id: 'electrician', title: 'Electricista' },
            ],
          },
          { title: 'Auto', rows: [{ id: 'mechanic', title: 'Mecánico' }] },
        ],
        { header: 'Servicios', footer: 'Ubermench' },
      ),
    );
    expect(payload).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '525512345678',
      type: 'interactive',
      interactive: {
        type: 'list',
        header: { type: 'text', text: 'Servicios' },
        body: { text: 'Elige un servicio' },
        footer: { text: 'Ubermench' },
        action: {
          button: 'Ver servicios',
          sections: [
            {
              title: 'Hogar',
              rows: [
                { id: 'plumber', title: 'Plomero', description: 'Fugas y tuberías' },
                { id: 'electrician', title: 'Electricista' },
              ],
            },
            { title: 'Auto', rows: [{ id: 'mechanic', title: 'Mecánico' }] },
          ],
        },
      },
    });
  });
  it('allows one untitled section', () => {
    const payload = buildPayload(MX, list([{ rows: rows(1) }]));
    expect(
      payload.type === 'interactive' &&
        payload.interactive.type === 'list' &&
        payload.interactive.action.sections[0],
    ).toEqual({ rows: [{ id: 'r0', title: 'Fila r0' }] });
  });
  it('allows at most 10 rows in total across sections', () => {
    expect(() =>
      buildPayload(
        MX,
        list([
          { title: 'A', rows: rows(5, 'a') },
          { title: 'B', rows: rows(5, 'b') },
        ]),
      ),
    ).not.toThrow();
    expect(
      limitError(() =>
        buildPayload(
          MX,
          list([
            { title: 'A', rows: rows(6, 'a') },
            { title: 'B', rows: rows(5, 'b') },
          ]),
        ),
      ),
    ).toMatchObject({
      field: 'interactive.action.sections[].rows (total)',
      rule: 'maxItems',
      limit: 10,
      actual: 11,
    });
    expect(limitError(() => buildPayload(MX, list([{ rows: rows(11) }])))).toMatchObject({
      limit: 10,
      actual: 11,
    });
  });
  it('needs 1 to 10 sections, each with rows', () => {
    expect(limitError(() => buildPayload(MX, list([])))).toMatchObject({
      field: 'interactive.action.sections',
      rule: 'minItems',
    });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: [] }));
    expect(limitError(() => buildPayload(MX, list(eleven)))).toMatchObject({
      field: 'interactive.action.sections',
      rule: 'maxItems',
      limit: 10,
      actual: 11,
    });
    const ten = Array.from({ length: 10 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}-`) }));
    expect(() => buildPayload(MX, list(ten))).not.toThrow();
    expect(
      limitError(() =>
        buildPayload(
          MX,
          list([
            { title: 'A', rows: rows(1) },
            { title: 'B', rows: [] },
          ]),
        ),
      ),
    ).toMatchObject({
      field: 'interactive.action.sections[1].rows',
      rule: 'minItems',
    });
  });
  it('requires section titles (≤ 24) when there is more than one section', () => {
    expect(
      limitError(() =>
        buildPayload(MX, list([{ title: 'A', rows: rows(1, 'a') }, { rows: rows(1, 'b') }])),
      ),
    ).toMatchObject({
      field: 'interactive.action.sections[1].title',
      rule: 'required',
    });
    expect(() => buildPayload(MX, list([{ title: s(24), rows: rows(1) }]))).not.toThrow();
    expect(
      limitError(() => buildPayload(MX, list([{ title: s(25), rows: rows(1) }]))),
    ).toMatchObject({
      field: 'interactive.action.sections[0].title',
      limit: 24,
      actual: 25,
    });
  });
  it('limits row title 24, description 72, id 200', () => {
    const row = (r: { id?: string; title?: string; description?: string }) =>
      list([{ rows: [{ id: 'r', title: 't', ...r }] }]);
    expect(() =>
      buildPayload(MX, row({ id: s(200), title: emoji(24), description: s(72) })),
    ).not.toThrow();
    expect(limitError(() => buildPayload(MX, row({ title: s(25) })))).toMatchObject({
      field: 'interactive.action.sections[0].rows[0].title',
      limit: 24,
      actual: 25,
    });
    expect(limitError(() => buildPayload(MX, row({ description: s(73) })))).toMatchObject({
      field: 'interactive.action.sections[0].rows[0].description',
      limit: 72,
      actual: 73,
    });
    expect(limitError(() => buildPayload(MX, row({ id: s(201) })))).toMatchObject({
      field: 'interactive.action.sections[0].rows[0].id',
      limit: 200,
      actual: 201,
    });
    expect(limitError(() => buildPayload(MX, row({ id: 'r ' })))).toMatchObject({
      rule: 'noSurroundingSpace',
    });
    expect(limitError(() => buildPayload(MX, row({ title: '' })))).toMatchObject({
      rule: 'required',
    });
  });
  it('requires unique row ids across sections', () => {
    expect(
      limitError(() =>
        buildPayload(
          MX,
          list([
            { title: 'A', rows: [{ id: 'x', title: '1' }] },
            { title: 'B', rows: [{ id: 'x', title: '2' }] },
          ]),
        ),
      ),
    ).toMatchObject({
      field: 'interactive.action.sections[1].rows[0].id',
      rule: 'unique',
    });
  });
  it('limits the button label to 20, non-empty; body 1024; header/footer 60', () => {
    const one = [{ rows: rows(1) }];
    expect(() => buildPayload(MX, list(one, { button: s(20) }))).not.toThrow();
    expect(limitError(() => buildPayload(MX, list(one, { button: s(21) })))).toMatchObject({
      field: 'interactive.action.button',
      limit: 20,
      actual: 21,
    });
    expect(limitError(() => buildPayload(MX, list(one, { button: '' })))).toMatchObject({
      field: 'interactive.action.button',
      rule: 'required',
    });
    expect(limitError(() => buildPayload(MX, list(one, { body: s(1025) })))).toMatchObject({
      field: 'interactive.body.text',
      limit: 1024,
    });
    expect(limitError(() => buildPayload(MX, list(one, { header: s(61) })))).toMatchObject({
      field: 'interactive.header.text',
      limit: 60,
    });
    expect(limitError(() => buildPayload(MX, list(one, { footer: s(61) })))).toMatchObject({
      field: 'interactive.footer.text',
      limit: 60,
    });
  });
});

describe('location request', () => {
  it('builds location_request_message with send_location', () => {
    expect(buildPayload(MX, { type: 'locationRequest', body: 'Comparte tu ubicación' })).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '525512345678',
      type: 'interactive',
      interactive: {
        type: 'location_request_message',
        body: { text: 'Comparte tu ubicación' },
        action: { name: 'send_location' },
      },
    });
  });
  it('limits the body to 1024, non-empty', () => {
    expect(
      limitError(() => buildPayload(MX, { type: 'locationRequest', body: s(1025) })),
    ).toMatchObject({ field: 'interactive.body.text', limit: 1024, actual: 1025 });
    expect(limitError(() => buildPayload(MX, { type: 'locationRequest', body: '' }))).toMatchObject(
      { rule: 'required' },
    );
  });
});

describe('template', () => {
  const tpl = (
    over: Partial<Extract<OutboundMessage, { type: 'template' }>> = {},
  ): OutboundMessage => ({
    type: 'template',
    name: 'ubermench_offer',
    language: 'es_MX',
    bodyParams: ['Plomero', '1.2 km'],
    quickReplyPayloads: ['ACCEPT_42', 'DECLINE_42'],
    ...over,
  });
  it('builds name, language, body params and quick-reply payloads', () => {
    expect(buildPayload(MX, tpl())).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '525512345678',
      type: 'template',
      template: {
        name: 'ubermench_offer',
        language: { code: 'es_MX' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Plomero' },
              { type: 'text', text: '1.2 km' },
            ],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'ACCEPT_42' }],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '1',
            parameters: [{ type: 'payload', payload: 'DECLINE_42' }],
          },
        ],
      },
    });
  });
  it('omits components when there are no parameters', () => {
    const payload = buildPayload(MX, tpl({ bodyParams: [], quickReplyPayloads: undefined }));
    expect(payload.type === 'template' && payload.template).toEqual({
      name: 'ubermench_offer',
      language: { code: 'es_MX' },
    });
  });
  it('checks the name and language code format', () => {
    expect(limitError(() => buildPayload(MX, tpl({ name: 'Ubermench Offer' })))).toMatchObject({
      field: 'template.name',
      rule: 'format',
    });
    expect(limitError(() => buildPayload(MX, tpl({ name: '' })))).toMatchObject({
      field: 'template.name',
      rule: 'required',
    });
    expect(limitError(() => buildPayload(MX, tpl({ name: s(513) })))).toMatchObject({
      field: 'template.name',
      limit: 512,
    });
    expect(() => buildPayload(MX, tpl({ language: 'en' }))).not.toThrow();
    expect(limitError(() => buildPayload(MX, tpl({ language: 'es-MX' })))).toMatchObject({
      field: 'template.language.code',
      rule: 'format',
    });
  });
  it('rejects blank, multi-line, tabbed or 5-space params, and params over 1024', () => {
    for (const bad of ['', 'a\nb', 'a\tb', 'a     b']) {
      expect(limitError(() => buildPayload(MX, tpl({ bodyParams: [bad] }))).field).toBe(
        'template.components[body].parameters[0].text',
      );
    }
    expect(() => buildPayload(MX, tpl({ bodyParams: ['a    b', s(1024)] }))).not.toThrow();
    expect(limitError(() => buildPayload(MX, tpl({ bodyParams: ['ok', s(1025)] })))).toMatchObject({
      limit: 1024,
      actual: 1025,
    });
  });
  it('limits quick-reply payloads: ≤ 10 buttons, non-blank, ≤ 256', () => {
    expect(
      limitError(() =>
        buildPayload(
          MX,
          tpl({ quickReplyPayloads: Array.from({ length: 11 }, (_, i) => `P${i}`) }),
        ),
      ),
    ).toMatchObject({
      field: 'template.components[button]',
      rule: 'maxItems',
      limit: 10,
    });
    expect(
      limitError(() => buildPayload(MX, tpl({ quickReplyPayloads: ['A', ''] }))),
    ).toMatchObject({ field: 'template.components[button 1].parameters[0].payload' });
    expect(limitError(() => buildPayload(MX, tpl({ quickReplyPayloads: [s(257)] })))).toMatchObject(
      { limit: 256, actual: 257 },
    );
  });
});

describe('buildMarkRead', () => {
  it('marks read, optionally with the typing indicator', () => {
    expect(buildMarkRead('wamid.IN1')).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.IN1',
    });
    expect(buildMarkRead('wamid.IN1', { typing: true })).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.IN1',
      typing_indicator: { type: 'text' },
    });
    expect(limitError(() => buildMarkRead(''))).toMatchObject({
      field: 'message_id',
      rule: 'required',
    });
  });
});

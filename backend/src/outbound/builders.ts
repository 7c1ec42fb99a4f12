/**
 * OutboundMessage (what the conversation wants to say) → exact Cloud API JSON body.
 * Every Meta limit is checked here, before sending; violations throw MessageLimitError.
 */
import type { ListSection, MediaRef, OutboundMessage, ReplyButton } from '../shared/messages';
import { sendToNumber } from '../shared/phone';
import {
  LIMITS,
  MessageLimitError,
  checkCount,
  checkFormat,
  checkId,
  checkOptionalText,
  checkText,
  checkUnique,
} from './limits';
import type {
  CloudMessagePayload,
  CloudRecipient,
  InteractiveWire,
  ListSectionWire,
  MediaObjectWire,
  MarkReadPayload,
  MessageContentWire,
  ReplyButtonWire,
  TemplateComponentWire,
  TextHeader,
} from './types';

/** Who to send to: the user's WhatsApp id / phone (preferred) and/or BSUID (`user_id`). */
export interface RecipientRef {
  phone?: string;
  bsuid?: string;
}

export interface BuildOptions {
  /** wamid of the message being replied to (sent as `context.message_id`). */
  replyTo?: string;
}

/**
 * Build the send body. With a phone, `to` is the number to send to (MX `521…` → `52…`,
 * AR `549…` → `54…`); with only a BSUID, it goes in `recipient` (Meta: `to` wins when both
 * are present, so only one is ever set).
 */
export function buildPayload(
  to: RecipientRef,
  message: OutboundMessage,
  opts: BuildOptions = {},
): CloudMessagePayload {
  const recipient = buildRecipient(to);
  const content = buildContent(message);
  const context =
    opts.replyTo === undefined
      ? {}
      : { context: { message_id: checkId('context.message_id', opts.replyTo, LIMITS.messageId) } };
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...recipient,
    ...context,
    ...content,
  };
}

/** Mark an inbound message read; `typing` also shows the typing indicator (≤ 25 s or until the reply). */
export function buildMarkRead(messageId: string, opts: { typing?: boolean } = {}): MarkReadPayload {
  const payload: MarkReadPayload = {
    messaging_product: 'whatsapp',
    status: 'read',
    message_id: checkId('message_id', messageId, LIMITS.messageId),
  };
  if (opts.typing) payload.typing_indicator = { type: 'text' };
  return payload;
}

function buildRecipient(ref: RecipientRef): CloudRecipient {
  if (ref.phone !== undefined && ref.phone !== '') {
    return {
      to: checkFormat(
        'to',
        sendToNumber(ref.phone.replace(/^\+/, '')),
        /^\d{6,15}$/,
        'digits of a phone number',
      ),
    };
  }
  if (ref.bsuid !== undefined && ref.bsuid !== '') {
    return {
      recipient: checkFormat(
        'recipient',
        ref.bsuid,
        /^[A-Z]{2}\.[A-Za-z0-9.]{1,140}$/,
        'a BSUID like US.1234…',
      ),
    };
  }
  throw new MessageLimitError('to', 'required', 1, 0, 'a phone number or a BSUID');
}

function buildContent(message: OutboundMessage): MessageContentWire {
  switch (message.type) {
    case 'text':
      return {
        type: 'text',
        text: {
          body: checkText('text.body', message.body, LIMITS.text.body),
          preview_url: message.previewUrl ?? false,
        },
      };
    case 'buttons':
      return {
        type: 'interactive',
        interactive: buildButtons(message.body, message.buttons, message.header, message.footer),
      };
    case 'list':
      return { type: 'interactive', interactive: buildList(message) };
    case 'locationRequest':
      return {
        type: 'interactive',
        interactive: {
          type: 'location_request_message',
          body: { text: checkText('interactive.body.text', message.body, LIMITS.interactive.body) },
          action: { name: 'send_location' },
        },
      };
    case 'template':
      return { type: 'template', template: buildTemplate(message) };
    case 'image':
      return { type: 'image', image: buildMedia('image', message.media, message.caption) };
    case 'video':
      return { type: 'video', video: buildMedia('video', message.media, message.caption) };
    case 'audio':
      return { type: 'audio', audio: buildMedia('audio', message.media) };
    case 'document':
      return {
        type: 'document',
        document: buildMedia('document', message.media, message.caption, message.filename),
      };
  }
}

/** `{ id }` or `{ link }` (https only), with the optional caption and file name checked. */
function buildMedia(
  type: 'image' | 'video' | 'audio' | 'document',
  ref: MediaRef,
  caption?: string,
  filename?: string,
): MediaObjectWire {
  const source: MediaObjectWire =
    'id' in ref
      ? {
          id: checkFormat(
            `${type}.id`,
            checkId(`${type}.id`, ref.id, LIMITS.media.id),
            /^[A-Za-z0-9_.-]+$/,
            'a Cloud API media id',
          ),
        }
      : {
          link: checkFormat(
            `${type}.link`,
            checkId(`${type}.link`, ref.link, LIMITS.media.link),
            /^https:\/\/[^\s/?#]+[^\s]*$/,
            'an https URL',
          ),
        };
  const c = checkOptionalText(`${type}.caption`, caption, LIMITS.media.caption);
  const f = checkOptionalText(`${type}.filename`, filename, LIMITS.media.filename);
  return {
    ...source,
    ...(c === undefined ? {} : { caption: c }),
    ...(f === undefined ? {} : { filename: f }),
  };
}

function frame(header: string | undefined, body: string, footer: string | undefined) {
  const h = checkOptionalText('interactive.header.text', header, LIMITS.interactive.header);
  const f = checkOptionalText('interactive.footer.text', footer, LIMITS.interactive.footer);
  return {
    ...(h === undefined ? {} : { header: { type: 'text', text: h } as TextHeader }),
    body: { text: checkText('interactive.body.text', body, LIMITS.interactive.body) },
    ...(f === undefined ? {} : { footer: { text: f } }),
  };
}

function buildButtons(
  body: string,
  buttons: ReplyButton[],
  header?: string,
  footer?: string,
): InteractiveWire {
  const path = 'interactive.action.buttons';
  checkCount(path, buttons.length, LIMITS.buttons.min, LIMITS.buttons.max);
  const wire: ReplyButtonWire[] = buttons.map((b, i) => ({
    type: 'reply',
    reply: {
      id: checkId(`${path}[${i}].reply.id`, b.id, LIMITS.buttons.id),
      title: checkText(`${path}[${i}].reply.title`, b.title, LIMITS.buttons.title),
    },
  }));
  checkUnique(
    buttons.map((b) => b.title),
    (i) => `${path}[${i}].reply.title`,
  );
  checkUnique(
    buttons.map((b) => b.id),
    (i) => `${path}[${i}].reply.id`,
  );
  return { type: 'button', ...frame(header, body, footer), action: { buttons: wire } };
}

function buildList(message: Extract<OutboundMessage, { type: 'list' }>): InteractiveWire {
  const path = 'interactive.action.sections';
  const { sections } = message;
  checkCount(path, sections.length, 1, LIMITS.list.sectionsMax);
  const totalRows = sections.reduce((n, s) => n + s.rows.length, 0);
  checkCount(`${path}[].rows (total)`, totalRows, 1, LIMITS.list.rowsMax);
  const wire = sections.map((s, i) => buildSection(s, `${path}[${i}]`, sections.length > 1));
  const rowIds = sections.flatMap((s) => s.rows.map((r) => r.id));
  const rowPaths = sections.flatMap((s, i) => s.rows.map((_, j) => `${path}[${i}].rows[${j}].id`));
  checkUnique(rowIds, (k) => rowPaths[k] ?? path);
  return {
    type: 'list',
    ...frame(message.header, message.body, message.footer),
    action: {
      button: checkText('interactive.action.button', message.button, LIMITS.list.button),
      sections: wire,
    },
  };
}

function buildSection(section: ListSection, path: string, titleRequired: boolean): ListSectionWire {
  checkCount(`${path}.rows`, section.rows.length, 1, LIMITS.list.rowsMax);
  const title = titleRequired
    ? checkText(`${path}.title`, section.title, LIMITS.list.sectionTitle)
    : checkOptionalText(`${path}.title`, section.title, LIMITS.list.sectionTitle);
  const rows = section.rows.map((r, j) => {
    const description = checkOptionalText(
      `${path}.rows[${j}].description`,
      r.description,
      LIMITS.list.rowDescription,
    );
    return {
      id: checkId(`${path}.rows[${j}].id`, r.id, LIMITS.list.rowId),
      title: checkText(`${path}.rows[${j}].title`, r.title, LIMITS.list.rowTitle),
      ...(description === undefined ? {} : { description }),
    };
  });
  return { ...(title === undefined ? {} : { title }), rows };
}

/** Meta rejects template parameters with new lines, tabs or more than 4 consecutive spaces. */
const TEMPLATE_PARAM = /^(?!.*[\n\r\t])(?!.* {5}).+$/s;

function buildTemplate(message: Extract<OutboundMessage, { type: 'template' }>) {
  const name = checkFormat(
    'template.name',
    checkText('template.name', message.name, LIMITS.template.name),
    /^[a-z0-9_]+$/,
    'lowercase letters, digits and _',
  );
  const code = checkFormat(
    'template.language.code',
    checkText('template.language.code', message.language, 16),
    /^[a-z]{2,3}(_[A-Za-z]{2,4})?$/,
    'e.g. es_MX',
  );
  const components: TemplateComponentWire[] = [];
  if (message.bodyParams.length > 0) {
    components.push({
      type: 'body',
      parameters: message.bodyParams.map((p, i) => {
        const field = `template.components[body].parameters[${i}].text`;
        return {
          type: 'text',
          text: checkFormat(
            field,
            checkText(field, p, LIMITS.template.bodyParam),
            TEMPLATE_PARAM,
            'no new lines, tabs or 5+ spaces',
          ),
        };
      }),
    });
  }
  const payloads = message.quickReplyPayloads ?? [];
  checkCount('template.components[button]', payloads.length, 0, LIMITS.template.quickRepliesMax);
  payloads.forEach((payload, i) => {
    const field = `template.components[button ${i}].parameters[0].payload`;
    components.push({
      type: 'button',
      sub_type: 'quick_reply',
      index: String(i),
      parameters: [
        { type: 'payload', payload: checkText(field, payload, LIMITS.template.payload) },
      ],
    });
  });
  return { name, language: { code }, ...(components.length > 0 ? { components } : {}) };
}

/**
 * Cloud API wire types: the JSON bodies POSTed to `/{version}/{phone-number-id}/messages`
 * and what comes back. Built by `builders.ts`, sent by `cloud-api-client.ts`.
 * Field names are Meta's (snake_case) on purpose.
 */

/** Who receives it: a phone number in `to`, or (username users without a number) a BSUID in `recipient`. */
export type CloudRecipient = { to: string; recipient?: never } | { recipient: string; to?: never };

interface PayloadBase {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  /** Quote/reply to an earlier message. */
  context?: { message_id: string };
}

export interface TextHeader {
  type: 'text';
  text: string;
}

export interface TextBody {
  text: string;
}

export interface ReplyButtonWire {
  type: 'reply';
  reply: { id: string; title: string };
}

export interface ListRowWire {
  id: string;
  title: string;
  description?: string;
}

export interface ListSectionWire {
  title?: string;
  rows: ListRowWire[];
}

export type InteractiveWire =
  | {
      type: 'button';
      header?: TextHeader;
      body: TextBody;
      footer?: TextBody;
      action: { buttons: ReplyButtonWire[] };
    }
  | {
      type: 'list';
      header?: TextHeader;
      body: TextBody;
      footer?: TextBody;
      action: { button: string; sections: ListSectionWire[] };
    }
  | { type: 'location_request_message'; body: TextBody; action: { name: 'send_location' } };

export interface TemplateTextParameter {
  type: 'text';
  text: string;
}

export interface TemplatePayloadParameter {
  type: 'payload';
  payload: string;
}

export type TemplateComponentWire =
  | { type: 'body'; parameters: TemplateTextParameter[] }
  | {
      type: 'button';
      sub_type: 'quick_reply';
      index: string;
      parameters: TemplatePayloadParameter[];
    };

export interface TemplateWire {
  name: string;
  language: { code: string };
  components?: TemplateComponentWire[];
}

/** The file of a media message: an uploaded media id, or a link Meta fetches. */
export type MediaObjectWire = ({ id: string; link?: never } | { link: string; id?: never }) & {
  caption?: string;
  filename?: string;
};

export type MessageContentWire =
  | { type: 'text'; text: { body: string; preview_url: boolean } }
  | { type: 'interactive'; interactive: InteractiveWire }
  | { type: 'template'; template: TemplateWire }
  | { type: 'image'; image: MediaObjectWire }
  | { type: 'video'; video: MediaObjectWire }
  | { type: 'audio'; audio: MediaObjectWire }
  | { type: 'document'; document: MediaObjectWire };

/** A complete send body. */
export type CloudMessagePayload = PayloadBase & CloudRecipient & MessageContentWire;

/** Mark an inbound message read (optionally showing the typing indicator). */
export interface MarkReadPayload {
  messaging_product: 'whatsapp';
  status: 'read';
  message_id: string;
  typing_indicator?: { type: 'text' };
}

/** Success body of a send. */
export interface SendResponseWire {
  messaging_product: 'whatsapp';
  contacts?: { input: string; wa_id?: string; user_id?: string }[];
  messages: { id: string; message_status?: 'accepted' | 'held_for_quality_assessment' | string }[];
}

/** Success body of a mark-as-read. */
export interface MarkReadResponseWire {
  success: boolean;
}

/** Meta's (Graph API) error body. */
export interface CloudErrorBodyWire {
  error: {
    message: string;
    type?: string;
    code: number;
    error_subcode?: number;
    error_user_title?: string;
    error_user_msg?: string;
    error_data?: { messaging_product?: 'whatsapp'; details?: string };
    fbtrace_id?: string;
  };
}

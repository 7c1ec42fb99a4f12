/**
 * What the bot can say, independent of the Cloud API wire format.
 * The conversation step produces these (already rendered in the user's locale);
 * `outbound/builders` turns them into Cloud API payloads and checks Meta's limits.
 */
export interface ReplyButton {
  /** Comes back verbatim in the inbound button_reply.id (max 256 chars). */
  id: string;
  /** Max 20 characters, unique within the message. */
  title: string;
}

export interface ListRow {
  /** Max 200 characters. */
  id: string;
  /** Max 24 characters. */
  title: string;
  /** Max 72 characters. */
  description?: string;
}

export interface ListSection {
  /** Max 24 characters; required when there is more than one section. */
  title?: string;
  rows: ListRow[];
}

/**
 * A file for a media message: a Cloud API media id (our re-upload; the file stays private) or
 * an https link Meta fetches (the file must then be public for as long as Meta may fetch it).
 */
export type MediaRef = { id: string } | { link: string };

export type OutboundMessage =
  | { type: 'text'; body: string; previewUrl?: boolean }
  | { type: 'buttons'; body: string; buttons: ReplyButton[]; header?: string; footer?: string }
  | {
      type: 'list';
      body: string;
      /** Label of the button that opens the list; max 20 characters. */
      button: string;
      sections: ListSection[];
      header?: string;
      footer?: string;
    }
  | { type: 'locationRequest'; body: string }
  /** Photo; caption max 1,024 characters. */
  | { type: 'image'; media: MediaRef; caption?: string }
  /** Video; caption max 1,024 characters. */
  | { type: 'video'; media: MediaRef; caption?: string }
  /** Audio or voice note (no caption: Meta refuses one). */
  | { type: 'audio'; media: MediaRef }
  /** Document; caption max 1,024 characters, file name shown to the recipient. */
  | { type: 'document'; media: MediaRef; caption?: string; filename?: string }
  | {
      type: 'template';
      name: string;
      /** Exact approved language code, e.g. `es_MX`, `en`. */
      language: string;
      bodyParams: string[];
      /** Payloads for the template's quick-reply buttons, by index. */
      quickReplyPayloads?: string[];
    };

export type OutboundMessageType = OutboundMessage['type'];

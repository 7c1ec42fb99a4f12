/**
 * Inbound webhook wire shapes (field `messages`) as the fake sends them to the bot.
 * BSUID fields (`user_id`, `from_user_id`, `recipient_user_id`, `profile.username`) follow the
 * 2026 username/BSUID changes as relayed by BSPs (dualhook, 360dialog, YCloud); Meta's own
 * reference pages for them were not available to confirm the exact names.
 */

export interface WebhookContact {
  profile?: { name?: string; username?: string };
  /** Phone-based WhatsApp id; withheld for some username users. */
  wa_id?: string;
  /** Business-scoped user id (BSUID). */
  user_id?: string;
}

export interface WebhookError {
  code: number;
  title: string;
  message: string;
  error_data?: { details: string };
  href?: string;
}

export interface WebhookMessage {
  /** Sender's wa_id; absent when the phone number is withheld. */
  from?: string;
  /** Sender's BSUID. */
  from_user_id?: string;
  id: string;
  timestamp: string;
  type: string;
  context?: { from: string; id: string };
  text?: { body: string };
  interactive?:
    | { type: 'button_reply'; button_reply: { id: string; title: string } }
    | { type: 'list_reply'; list_reply: { id: string; title: string; description?: string } };
  button?: { text: string; payload: string };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  image?: { id: string; mime_type: string; sha256: string; caption?: string };
  sticker?: { id: string; mime_type: string; sha256: string; animated: boolean };
  audio?: { id: string; mime_type: string; sha256?: string; voice: boolean };
  video?: { id: string; mime_type: string; sha256: string; caption?: string };
  document?: { id: string; mime_type: string; sha256: string; caption?: string; filename?: string };
  errors?: WebhookError[];
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface WebhookStatus {
  id: string;
  status: DeliveryStatus;
  timestamp: string;
  /** wa_id of the recipient; absent for BSUID-only sends. */
  recipient_id?: string;
  recipient_user_id?: string;
  conversation?: { id: string; origin: { type: string } };
  pricing?: { billable: boolean; pricing_model: string; category: string };
  errors?: WebhookError[];
}

export interface WebhookChangeValue {
  messaging_product: 'whatsapp';
  metadata: { display_phone_number: string; phone_number_id: string };
  contacts?: WebhookContact[];
  messages?: WebhookMessage[];
  statuses?: WebhookStatus[];
}

export interface WebhookEnvelope {
  object: 'whatsapp_business_account';
  entry: { id: string; changes: { field: 'messages'; value: WebhookChangeValue }[] }[];
}

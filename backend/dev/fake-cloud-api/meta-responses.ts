/**
 * Meta's exact response shapes for the send endpoint, and the error presets the fake can return.
 */
import { randomBytes } from 'node:crypto';
import { waIdForNumber } from '../../src/shared/phone';

export interface MetaErrorSpec {
  httpStatus: number;
  code: number;
  message: string;
  /** `error_data.details`; omitted for OAuth (190) errors, as Meta does. */
  details?: string;
}

/** Named failures, with Meta's codes, statuses and texts. */
export const FAILURE_PRESETS = {
  throughput: {
    httpStatus: 429,
    code: 130429,
    message: '(#130429) Rate limit hit',
    details: 'Cloud API message throughput has been reached.',
  },
  server: {
    httpStatus: 500,
    code: 131000,
    message: '(#131000) Something went wrong',
    details: 'Something went wrong. Please try again later.',
  },
  reengagement: {
    httpStatus: 400,
    code: 131047,
    message: '(#131047) Re-engagement message',
    details:
      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  pairRate: {
    httpStatus: 400,
    code: 131056,
    message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
    details:
      'Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.',
  },
  invalidParameter: {
    httpStatus: 400,
    code: 100,
    message: '(#100) Invalid parameter',
    details: 'Invalid parameter',
  },
  undeliverable: {
    httpStatus: 400,
    code: 131026,
    message: '(#131026) Message undeliverable',
    details: 'Message undeliverable.',
  },
  notAllowed: {
    httpStatus: 400,
    code: 131030,
    message: '(#131030) Recipient phone number not in allowed list',
    details:
      'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.',
  },
  token: {
    httpStatus: 401,
    code: 190,
    message: 'Invalid OAuth access token - Cannot parse access token',
  },
} satisfies Record<string, MetaErrorSpec>;

export type FailurePreset = keyof typeof FAILURE_PRESETS;

export const fbtraceId = (): string => randomBytes(9).toString('base64').replace(/[+/=]/g, 'A');

/** `{ error: { message, type: 'OAuthException', code, error_data: { messaging_product, details }, fbtrace_id } }` */
export function metaErrorBody(spec: Pick<MetaErrorSpec, 'code' | 'message' | 'details'>) {
  return {
    error: {
      message: spec.message,
      type: 'OAuthException',
      code: spec.code,
      ...(spec.details === undefined
        ? {}
        : { error_data: { messaging_product: 'whatsapp', details: spec.details } }),
      fbtrace_id: fbtraceId(),
    },
  };
}

/** Meta's wamid: `wamid.` + base64 of a structure that includes the recipient. */
export function outboundWamid(recipient: string): string {
  return `wamid.${Buffer.concat([Buffer.from(`HBgN${recipient}FQIAERgS`), randomBytes(12)]).toString('base64')}`;
}

/** What Meta answers to an accepted send: the `input` as sent and its canonical `wa_id` (`52…` → `521…`). */
export function sendSuccessBody(input: { to?: string; recipient?: string }, messageId: string) {
  const contact =
    input.to !== undefined
      ? { input: input.to, wa_id: waIdForNumber(input.to) }
      : { input: input.recipient ?? '', user_id: input.recipient ?? '' };
  return {
    messaging_product: 'whatsapp',
    contacts: [contact],
    messages: [{ id: messageId, message_status: 'accepted' }],
  };
}

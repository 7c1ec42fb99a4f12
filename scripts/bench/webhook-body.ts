/**
 * Signed inbound webhooks for the benchmarks, cheap enough to build one per request: the envelope
 * comes from the fake's payload builders (the exact shape Meta sends, encoded like Meta with
 * `\uXXXX` and `\/`), built once with placeholders and filled in per request; the signature is
 * HMAC-SHA256 over the exact bytes (`X-Hub-Signature-256: sha256=<hex>`).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { inboundEnvelope, metaJsonStringify } from '../../backend/dev/fake-cloud-api';

const TOKENS = ['__PHONE__', '__BSUID__', '__NAME__', '__ID__', '__TS__', '__TEXT__'] as const;
type Token = (typeof TOKENS)[number];

/** Meta-style JSON string contents (no quotes). */
const metaString = (s: string): string => metaJsonStringify(s).slice(1, -1);

const template = (() => {
  const env = inboundEnvelope(
    { waId: '__PHONE__', userId: '__BSUID__', name: '__NAME__' },
    { type: 'text', body: '__TEXT__' },
    { id: '__ID__' },
  );
  const text = metaJsonStringify(env).replace(/"timestamp":"\d+"/, '"timestamp":"__TS__"');
  return text
    .split(/(__[A-Z]+__)/)
    .map((part) =>
      (TOKENS as readonly string[]).includes(part) ? { token: part as Token } : part,
    );
})();

/** `521` + 10 digits: Mexico City mobiles `52155` + 8 digits, `offset + n` wrapped to 8 digits. */
export function benchPhone(n: number, offset = 0): string {
  return `52155${String((offset + n) % 100_000_000).padStart(8, '0')}`;
}

/** A stable fake BSUID for a phone, like the demo chat's. */
export function bsuidFor(phone: string): string {
  return `MX.${BigInt(`0x${createHash('sha256').update(phone).digest('hex').slice(0, 15)}`).toString()}`;
}

export interface SignedBody {
  body: Buffer;
  signature: string;
  messageId: string;
}

export class WebhookFactory {
  private seq = 0;
  private readonly run = randomBytes(6).toString('hex');

  constructor(private readonly appSecret: string) {}

  /** A text message from `phone`, with a fresh wamid. */
  text(phone: string, text: string, name = 'Cliente Bench'): SignedBody {
    const messageId = `wamid.HBgN${phone}FQIAERgS${this.run}${(++this.seq).toString(16).toUpperCase().padStart(10, '0')}A==`;
    const values: Record<Token, string> = {
      __PHONE__: phone,
      __BSUID__: bsuidFor(phone),
      __NAME__: metaString(name),
      __ID__: messageId,
      __TS__: String(Math.floor(Date.now() / 1000)),
      __TEXT__: metaString(text),
    };
    let s = '';
    for (const part of template) s += typeof part === 'string' ? part : values[part.token];
    const body = Buffer.from(s, 'utf8');
    return {
      body,
      signature: `sha256=${createHmac('sha256', this.appSecret).update(body).digest('hex')}`,
      messageId,
    };
  }
}

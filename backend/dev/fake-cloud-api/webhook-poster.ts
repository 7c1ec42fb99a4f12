/**
 * POST a webhook to the bot exactly as Meta does: JSON in Meta's escaped encoding, signed with
 * the app secret over the exact bytes sent (`X-Hub-Signature-256: sha256=<hex>`).
 */
import { createHmac } from 'node:crypto';
import { signBody } from '../../src/shared/signature';
import { metaJsonStringify } from './meta-json';

export interface WebhookPostResult {
  /** HTTP status the bot answered. */
  status: number;
  /** Response body as text. */
  body: string;
  /** The exact bytes that were sent and signed. */
  sentBody: string;
  signature: string;
}

/**
 * `payload` as an object is encoded like Meta (`\u00e9`, `\/`); as a string it is sent byte for byte.
 */
export async function postSignedWebhook(
  url: string,
  appSecret: string,
  payload: unknown,
  timeoutMs = 10_000,
): Promise<WebhookPostResult> {
  const text = typeof payload === 'string' ? payload : metaJsonStringify(payload);
  const raw = Buffer.from(text, 'utf8');
  const signature = signBody(raw, appSecret);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      'x-hub-signature-256': signature,
      // Meta also sends the legacy SHA-1 signature.
      'x-hub-signature': `sha1=${createHmac('sha1', appSecret).update(raw).digest('hex')}`,
    },
    body: raw,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, body: await res.text(), sentBody: text, signature };
}

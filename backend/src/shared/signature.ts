/**
 * Meta webhook signatures: `X-Hub-Signature-256: sha256=<hex>` where hex is
 * HMAC-SHA256(app secret, the request body exactly as received).
 *
 * Always hash the raw bytes. Meta's body escapes non-ASCII (`\u00e9`) and `/` (`\/`);
 * `JSON.stringify(JSON.parse(body))` produces different bytes and a different signature.
 *
 * Hex case: Meta sends lowercase. Uppercase (or mixed-case) hex is accepted too: hex is
 * case-insensitive and the compared value is the decoded 32-byte digest, never the text.
 * Only the exact lowercase `sha256=` prefix is accepted.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';
const DIGEST_HEX = /^[0-9a-fA-F]{64}$/;

/** `sha256=<lowercase hex>` of HMAC-SHA256(secret, raw). Strings are hashed as UTF-8. */
export function signBody(raw: Buffer | string, secret: string): string {
  return PREFIX + createHmac('sha256', secret).update(raw).digest('hex');
}

/** Constant-time check of a signature header against the raw body. Never throws. */
export function verifySignature(raw: Buffer, header: string | undefined, secret: string): boolean {
  try {
    if (typeof header !== 'string' || !header.startsWith(PREFIX)) return false;
    const hex = header.slice(PREFIX.length);
    // Length and charset first: Buffer.from(hex, 'hex') silently stops at the first bad character.
    if (!DIGEST_HEX.test(hex)) return false;
    const given = Buffer.from(hex, 'hex');
    const expected = createHmac('sha256', secret).update(raw).digest();
    return given.length === expected.length && timingSafeEqual(given, expected);
  } catch {
    return false;
  }
}

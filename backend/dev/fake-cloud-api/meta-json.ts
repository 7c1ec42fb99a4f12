/**
 * JSON the way Meta's webhook encoder writes it: every non-ASCII UTF-16 unit as a lowercase
 * `\uXXXX` escape and `/` as `\/` (reference/whatsapp-cloud-api.md §1.3). Posting this form
 * makes the bot prove it verifies the signature over the raw bytes: re-serialising
 * (`JSON.stringify(JSON.parse(body))`) gives different bytes and fails.
 */
export function metaJsonStringify(value: unknown): string {
  // Outside strings JSON has no '/' and no non-ASCII, so escaping the whole text is safe.
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

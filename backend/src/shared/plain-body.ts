/**
 * Reading a request body without a framework (the webhook's fast path, and the local Cloud API
 * fake's): only the plain case — a Content-Length within the limit and no Content-Encoding.
 * Anything else (chunked, compressed, oversized) is left to the framework's body parser.
 */
import type { IncomingMessage } from 'node:http';

/** The body's length when the request is plain and within `maxBytes`; undefined otherwise. */
export function plainBodyLength(req: IncomingMessage, maxBytes: number): number | undefined {
  const length = Number(req.headers['content-length']);
  const encoding = req.headers['content-encoding'];
  const plain =
    Number.isInteger(length) &&
    length >= 0 &&
    length <= maxBytes &&
    (encoding === undefined || encoding.toLowerCase() === 'identity');
  return plain ? length : undefined;
}

/** The whole body (Node's parser holds it to Content-Length); rejects on a short or aborted upload. */
export function readBody(req: IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
    });
    req.once('end', () =>
      size === length
        ? resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))
        : reject(new Error('body length mismatch')),
    );
    req.once('error', reject);
    req.once('aborted', () => reject(new Error('request aborted')));
  });
}

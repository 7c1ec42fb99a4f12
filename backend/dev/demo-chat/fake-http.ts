/**
 * The demo chat's only connection to the world: the fake Cloud API's `/__fake` control routes.
 */
import type { RecordedMessage } from '../fake-cloud-api/recorder';

export interface InboundOutcome {
  ok: boolean;
  /** Human-readable problem when not ok. */
  problem?: string;
}

export class FakeHttp {
  constructor(readonly baseUrl: string) {}

  async health(): Promise<boolean> {
    try {
      const res = await fetch(`${this.baseUrl}/__fake/health`, {
        signal: AbortSignal.timeout(2000),
      });
      return res.ok;
    } catch {
      return false;
    }
  }

  /** Requests the fake received after `since` (sends and reads, all recipients). */
  async received(since: number): Promise<RecordedMessage[]> {
    const res = await fetch(`${this.baseUrl}/__fake/received?since=${since}`, {
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`GET /__fake/received answered ${res.status}`);
    return ((await res.json()) as { messages: RecordedMessage[] }).messages;
  }

  /** Register a file with the fake's media endpoints, so the bot can download it by id (sha256 in base64, as in webhooks). */
  async addMedia(mimeType: string, bytes: Buffer): Promise<{ id: string; sha256: string } | null> {
    try {
      const res = await fetch(`${this.baseUrl}/__fake/media`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mimeType, base64: bytes.toString('base64') }),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) return null;
      return (await res.json()) as { id: string; sha256: string };
    } catch {
      return null;
    }
  }

  /** Have the fake sign and post this webhook to the bot. */
  async inbound(envelope: unknown): Promise<InboundOutcome> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/__fake/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(envelope),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      return {
        ok: false,
        problem: `the fake Cloud API at ${this.baseUrl} is not reachable (${(err as Error).message})`,
      };
    }
    const data = (await res.json().catch(() => ({}))) as { status?: number; error?: string };
    if (!res.ok) return { ok: false, problem: data.error ?? `the fake answered ${res.status}` };
    if (data.status !== undefined && (data.status < 200 || data.status >= 300)) {
      return { ok: false, problem: `the bot answered the webhook with HTTP ${data.status}` };
    }
    return { ok: true };
  }
}

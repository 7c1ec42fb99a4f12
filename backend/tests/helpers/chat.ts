/**
 * A WhatsApp user for e2e tests: sends signed webhooks through the real intake and reads the
 * bot's replies at the fake Cloud API. Taps buttons / list rows by their visible title, like
 * a person would, and fails loudly (with the conversation so far) when something is missing.
 */
import { inboundEnvelope, newWamid, type InboundContent } from '../../dev/fake-cloud-api/payloads';
import type { RecordedMessage } from '../../dev/fake-cloud-api';
import { renderBotMessage, type TapOption } from '../../dev/demo-chat/render';
import { sendToNumber } from '../../src/shared/phone';
import type { TestSystem } from './system';

export interface BotMessage {
  text: string;
  options: TapOption[];
  type: string;
  raw: RecordedMessage;
}

export class ChatUser {
  readonly sendTo: string;
  /** Messages before this index came before our last action: `expect` only looks after it. */
  private mark = 0;
  readonly transcript: string[] = [];
  private readonly logged = new Set<number>();

  constructor(
    private readonly t: TestSystem,
    readonly waId: string,
    readonly profileName = 'Cliente',
  ) {
    this.sendTo = sendToNumber(waId);
  }

  get key(): string {
    return `wa:${this.waId}`;
  }

  /** Every message the bot sent this user so far. */
  all(): BotMessage[] {
    return this.t.fake
      .receivedFor(this.sendTo)
      .filter((m) => m.kind === 'message' && m.status === 200)
      .map(toBotMessage);
  }

  async send(content: InboundContent, contextId?: string): Promise<void> {
    this.mark = this.all().length;
    const res = await this.t.postWebhook(
      inboundEnvelope({ waId: this.waId, name: this.profileName }, content, {
        id: newWamid(),
        ...(contextId ? { contextId } : {}),
      }),
    );
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    this.transcript.push(`> ${JSON.stringify(content)}`);
  }

  say(text: string): Promise<void> {
    return this.send({ type: 'text', body: text });
  }

  /** A new user's first turns in Spanish: greeting, name, main menu. */
  async register(fullName: string): Promise<void> {
    await this.say('hola');
    await this.expect(/Cómo te llamas/);
    await this.say(fullName);
    await this.expect(/En qué te ayudo/);
  }

  /** A photo (registered with the fake so the bot can download it), with an optional caption. */
  photo(bytes: Buffer, caption?: string): Promise<void> {
    const media = this.t.fake.addMedia({ bytes, mimeType: 'image/jpeg' });
    return this.send({
      type: 'image',
      mediaId: media.id,
      mimeType: 'image/jpeg',
      ...(caption ? { caption } : {}),
    });
  }

  /** A recorded voice note. */
  voiceNote(bytes: Buffer): Promise<void> {
    const media = this.t.fake.addMedia({ bytes, mimeType: 'audio/ogg' });
    return this.send({ type: 'voice', mediaId: media.id, mimeType: 'audio/ogg; codecs=opus' });
  }

  location(latitude: number, longitude: number): Promise<void> {
    return this.send({ type: 'location', latitude, longitude });
  }

  /**
   * Wait until a bot message sent after our last action matches `until` (default: any).
   * Several expectations after one action may match the same message. Returns the messages
   * since the action, up to and including the match.
   */
  async expect(
    until: RegExp | ((m: BotMessage) => boolean) = () => true,
    timeoutMs = 10000,
  ): Promise<BotMessage[]> {
    const match = typeof until === 'function' ? until : (m: BotMessage) => until.test(m.text);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const fresh = this.all().slice(this.mark);
      const hit = fresh.findIndex(match);
      if (hit >= 0) {
        const got = fresh.slice(0, hit + 1);
        for (const m of got) {
          if (this.logged.has(m.raw.seq)) continue;
          this.logged.add(m.raw.seq);
          this.transcript.push(`< ${m.text.replace(/\n/g, ' | ')}`);
        }
        return got;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `no bot message matching ${String(until)} within ${timeoutMs} ms.\nConversation:\n${[...this.transcript, ...fresh.map((m) => `< (unmatched) ${m.text}`)].join('\n')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  /** The newest bot message offering a choice whose title matches, then tap/choose it. */
  async tap(title: RegExp): Promise<void> {
    const msgs = this.all();
    for (let i = msgs.length - 1; i >= 0; i--) {
      const option = msgs[i].options.find((o) => title.test(o.title));
      if (!option) continue;
      const content: InboundContent =
        option.kind === 'list_reply'
          ? { type: 'list_reply', id: option.id, title: option.title }
          : option.kind === 'template_button'
            ? { type: 'template_button', payload: option.id, text: option.title }
            : { type: 'button_reply', id: option.id, title: option.title };
      await this.send(content, msgs[i].raw.messageId);
      return;
    }
    throw new Error(
      `no option matching ${String(title)}.\nConversation:\n${this.transcript.join('\n')}\nOptions: ${msgs.flatMap((m) => m.options.map((o) => o.title)).join(', ')}`,
    );
  }

  /** Tap a raw id (e.g. an old/stale button id). */
  tapId(id: string, title = 'x'): Promise<void> {
    return this.send({ type: 'button_reply', id, title });
  }

  options(): TapOption[] {
    const msgs = this.all();
    return msgs.length ? msgs[msgs.length - 1].options : [];
  }
}

function toBotMessage(m: RecordedMessage): BotMessage {
  const rendered = renderBotMessage(m.body);
  return { text: rendered.lines.join('\n'), options: rendered.options, type: m.type ?? '', raw: m };
}

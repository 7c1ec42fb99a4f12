/**
 * The demo chat's state and commands: who you are, what the bot sent you, what a number taps.
 * Input lines become inbound webhooks (through the fake); polled sends to your number are shown.
 */
import { createHash } from 'node:crypto';
import { waIdForNumber } from '../../src/shared/phone';
import { inboundEnvelope, type InboundContent, type InboundUser } from '../fake-cloud-api/payloads';
import type { RecordedMessage } from '../fake-cloud-api/recorder';
import type { FakeHttp } from './fake-http';
import { plainStyle, renderBotMessage, type Style, type TapOption } from './render';

export type Role = 'customer' | 'provider';

export interface Identity {
  role: Role;
  /** WhatsApp id as Meta reports it, e.g. `5215511111111`. */
  phone: string;
  name: string;
}

export const HELP = [
  'Type a message and press Enter to send it to the bot.',
  '  1, 2, …               tap a button / list row the bot just sent',
  '  /loc <lat> <lng>      share a location (e.g. /loc 19.4326 -99.1332)',
  '  /photo [caption]      send a photo;  /sticker, /voice likewise',
  '  /as <phone> [name] [customer|provider]   switch who you are',
  '  /who                  who you are now',
  '  /quit                 leave',
];

/** A stable fake BSUID for a phone (Meta adds `user_id` to every webhook since 2026). */
export function demoBsuid(phone: string): string {
  const digits = BigInt(
    `0x${createHash('sha256').update(phone).digest('hex').slice(0, 15)}`,
  ).toString();
  return `${phone.startsWith('54') ? 'AR' : phone.startsWith('1') ? 'US' : 'MX'}.${digits}`;
}

/** A 1×1 JPEG and the start of an Ogg stream: enough for the bot to fetch, keep and re-send. */
const SAMPLE_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=',
  'base64',
);
const SAMPLE_OGG = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(60)]);

export class DemoChat {
  private since = 0;
  private options: TapOption[] = [];
  private optionsContext: string | undefined;
  /** Bot messages to identities other than the current one, not yet shown. */
  private unseen = new Map<string, RecordedMessage[]>();
  private known = new Map<string, Identity>();

  constructor(
    private readonly fake: FakeHttp,
    private identity: Identity,
    private readonly print: (line: string) => void,
    private readonly style: Style = plainStyle,
  ) {
    this.known.set(waIdForNumber(identity.phone), identity);
  }

  get who(): Identity {
    return this.identity;
  }

  /** Skip everything the fake recorded before the chat started. */
  async skipHistory(): Promise<void> {
    const all = await this.fake.received(0);
    this.since = all.at(-1)?.seq ?? 0;
  }

  /** Handle one typed line; resolves 'quit' on /quit. */
  async handleLine(input: string): Promise<'quit' | undefined> {
    const line = input.trim();
    if (line === '') return undefined;
    if (line.startsWith('/')) return this.command(line);
    const n = /^\d+$/.test(line) ? Number(line) : NaN;
    const option = this.options[n - 1];
    if (option) {
      this.print(this.style.dim(`  → you tapped “${option.title}”`));
      this.options = [];
      return this.send(tapContent(option), this.optionsContext);
    }
    return this.send({ type: 'text', body: line });
  }

  /** Fetch new bot messages and print those for the current identity. */
  async poll(): Promise<void> {
    const fresh = await this.fake.received(this.since);
    for (const m of fresh) {
      this.since = Math.max(this.since, m.seq);
      if (m.kind !== 'message' || m.to === undefined) continue;
      const key = this.keyFor(m.to);
      if (key === waIdForNumber(this.identity.phone)) this.show(m);
      else if (this.known.has(key)) {
        this.unseen.set(key, [...(this.unseen.get(key) ?? []), m]);
        const other = this.known.get(key);
        this.print(
          this.style.dim(
            `  (new message for ${other?.name} ${other?.phone}; /as ${other?.phone} to read it)`,
          ),
        );
      }
    }
  }

  private keyFor(to: string): string {
    for (const [key, id] of this.known) if (to === demoBsuid(id.phone)) return key;
    return waIdForNumber(to);
  }

  private show(m: RecordedMessage): void {
    const rendered = renderBotMessage(m.body, this.style);
    this.print(this.style.bold('🤖 Ubermench:'));
    rendered.lines.forEach((l) => this.print(l));
    if (m.status !== 200)
      this.print(
        this.style.warn(
          `  ⚠ the fake rejected this send (HTTP ${m.status}${m.errorCode ? `, code ${m.errorCode}` : ''}); a real user would not see it`,
        ),
      );
    if (m.failsLater)
      this.print(
        this.style.warn(`  ⚠ accepted, but a 'failed' status (code ${m.errorCode}) follows`),
      );
    if (rendered.options.length > 0) {
      this.options = rendered.options;
      this.optionsContext = m.messageId;
    }
  }

  private async command(line: string): Promise<'quit' | undefined> {
    const [cmd = '', ...args] = line.split(/\s+/);
    switch (cmd) {
      case '/quit':
      case '/exit':
        return 'quit';
      case '/help':
        HELP.forEach((l) => this.print(l));
        return undefined;
      case '/who':
        this.print(`You are ${describe(this.identity)}.`);
        return undefined;
      case '/loc': {
        const [lat, lng] = args.map(Number);
        if (
          lat === undefined ||
          lng === undefined ||
          !Number.isFinite(lat) ||
          !Number.isFinite(lng) ||
          Math.abs(lat) > 90 ||
          Math.abs(lng) > 180
        ) {
          this.print(this.style.warn('  usage: /loc <lat> <lng>   e.g. /loc 19.4326 -99.1332'));
          return undefined;
        }
        const name = args.slice(2).join(' ');
        return this.send({
          type: 'location',
          latitude: lat,
          longitude: lng,
          ...(name ? { name } : {}),
        });
      }
      case '/photo':
        return this.send({
          type: 'image',
          ...(await this.sampleFile('image/jpeg', SAMPLE_JPEG)),
          ...(args.length ? { caption: args.join(' ') } : {}),
        });
      case '/sticker':
        return this.send({ type: 'sticker' });
      case '/voice':
        return this.send({
          type: 'voice',
          ...(await this.sampleFile('audio/ogg; codecs=opus', SAMPLE_OGG)),
        });
      case '/as':
        return this.switchTo(args);
      default:
        this.print(this.style.warn(`  unknown command ${cmd}; /help lists them`));
        return undefined;
    }
  }

  private switchTo(args: string[]): undefined {
    const [phone, ...rest] = args;
    if (!phone || !/^\d{8,15}$/.test(phone)) {
      this.print(
        this.style.warn(
          '  usage: /as <phone> [name] [customer|provider]   e.g. /as 5215522222222 Beto provider',
        ),
      );
      return undefined;
    }
    const roleArg = rest.find((a) => a === 'customer' || a === 'provider') as Role | undefined;
    const name = rest.filter((a) => a !== roleArg).join(' ');
    const key = waIdForNumber(phone);
    const before = this.known.get(key);
    this.identity = {
      phone,
      name: name || before?.name || `User ${phone.slice(-4)}`,
      role: roleArg ?? before?.role ?? 'customer',
    };
    this.known.set(key, this.identity);
    this.options = [];
    this.print(`You are now ${describe(this.identity)}.`);
    const pending = this.unseen.get(key) ?? [];
    this.unseen.delete(key);
    pending.forEach((m) => this.show(m));
    return undefined;
  }

  /** A small file registered with the fake, so the bot's download of it works as with Meta. */
  private async sampleFile(
    mimeType: string,
    bytes: Buffer,
  ): Promise<{ mediaId: string; mimeType: string; sha256: string } | Record<string, never>> {
    const media = await this.fake.addMedia(mimeType, bytes);
    if (!media) {
      this.print(
        this.style.warn('  ⚠ could not register the file with the fake; sending it anyway'),
      );
      return {};
    }
    return { mediaId: media.id, mimeType, sha256: media.sha256 };
  }

  private async send(content: InboundContent, contextId?: string): Promise<undefined> {
    const user: InboundUser = {
      waId: this.identity.phone,
      userId: demoBsuid(this.identity.phone),
      name: this.identity.name,
    };
    const outcome = await this.fake.inbound(
      inboundEnvelope(user, content, contextId ? { contextId } : {}),
    );
    if (!outcome.ok) this.print(this.style.warn(`  ⚠ not delivered: ${outcome.problem}`));
    return undefined;
  }
}

function tapContent(option: TapOption): InboundContent {
  if (option.kind === 'template_button')
    return { type: 'template_button', payload: option.id, text: option.title };
  if (option.kind === 'list_reply')
    return {
      type: 'list_reply',
      id: option.id,
      title: option.title,
      ...(option.description ? { description: option.description } : {}),
    };
  return { type: 'button_reply', id: option.id, title: option.title };
}

export function describe(id: Identity): string {
  return `${id.name} (${id.role}, ${id.phone})`;
}

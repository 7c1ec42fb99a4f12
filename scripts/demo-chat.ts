/**
 * Terminal chat with the bot through the local fake Cloud API (HTTP only).
 *
 *   npx tsx scripts/demo-chat.ts --as customer --phone 5215511111111 --name Ana
 *
 * What you type is posted to the bot as a signed WhatsApp webhook (via the fake's /__fake/inbound);
 * the bot's replies to your number are polled from /__fake/received. Buttons and list rows are
 * numbered: type the number to tap. /help lists the commands. FAKE_URL (default http://127.0.0.1:4010).
 */
import readline from 'node:readline';
import { FakeHttp } from '../backend/dev/demo-chat/fake-http';
import { ansiStyle, plainStyle } from '../backend/dev/demo-chat/render';
import {
  DemoChat,
  HELP,
  describe,
  type Identity,
  type Role,
} from '../backend/dev/demo-chat/session';

const POLL_MS = 400;

function parseArgs(argv: string[]): Identity {
  const get = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const role = get('--as') ?? 'customer';
  const phone = get('--phone') ?? (role === 'provider' ? '5215522222222' : '5215511111111');
  const name = get('--name') ?? (role === 'provider' ? 'Beto' : 'Ana');
  if (role !== 'customer' && role !== 'provider')
    throw new Error('--as must be customer or provider');
  if (!/^\d{8,15}$/.test(phone))
    throw new Error('--phone must be a WhatsApp id: digits only, e.g. 5215511111111');
  return { role: role as Role, phone, name };
}

async function main(): Promise<void> {
  const identity = parseArgs(process.argv.slice(2));
  const fake = new FakeHttp((process.env.FAKE_URL ?? 'http://127.0.0.1:4010').replace(/\/+$/, ''));
  if (!(await fake.health())) {
    console.error(
      `The fake Cloud API is not answering at ${fake.baseUrl}. Start the demo (npm run demo) or the fake (npm run fake-cloud-api), or set FAKE_URL.`,
    );
    process.exit(1);
  }
  const chat = new DemoChat(
    fake,
    identity,
    (line) => print(line),
    process.stdout.isTTY ? ansiStyle : plainStyle,
  );
  await chat.skipHistory();

  // Readline only after the async setup, so no typed (or piped) line is lost.
  const tty = Boolean(process.stdout.isTTY);
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: tty,
  });
  const print = (line: string) => {
    if (tty) {
      readline.clearLine(process.stdout, 0);
      readline.cursorTo(process.stdout, 0);
    }
    process.stdout.write(`${line}\n`);
    if (tty) rl.prompt(true);
  };
  const setPrompt = () => rl.setPrompt(`${chat.who.name} (${chat.who.role}) › `);

  console.log(`Ubermench demo chat — you are ${describe(identity)}. Talking to ${fake.baseUrl}.`);
  HELP.forEach((l) => console.log(l));
  setPrompt();
  rl.prompt();

  let polling = false;
  let warned = false;
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    chat
      .poll()
      .then(() => {
        warned = false;
      })
      .catch((err: Error) => {
        if (!warned) print(`  ⚠ cannot read from the fake: ${err.message}`);
        warned = true;
      })
      .finally(() => {
        polling = false;
      });
  }, POLL_MS);

  // Lines are handled one at a time, in order (pasted or piped input included).
  let queue: Promise<unknown> = Promise.resolve();
  let quitRequested = false;
  let finishing = false;
  /** After /quit or the end of input: let queued lines run, show late replies, exit. */
  const finish = () => {
    if (finishing) return;
    finishing = true;
    rl.close();
    void queue.then(async () => {
      clearInterval(timer);
      await new Promise((r) => setTimeout(r, POLL_MS * 2));
      await chat.poll().catch(() => undefined);
      console.log('\nbye');
      process.exit(0);
    });
  };
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      if (quitRequested) return;
      try {
        if ((await chat.handleLine(line)) === 'quit') {
          quitRequested = true;
          return finish();
        }
      } catch (err) {
        print(`  ⚠ ${(err as Error).message}`);
      }
      setPrompt();
      if (!finishing) rl.prompt();
    });
  });
  rl.on('close', finish);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});

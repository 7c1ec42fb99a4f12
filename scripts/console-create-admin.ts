/**
 * Create a console operator (the first admin, or more people later):
 *
 *   npm run console:create-admin -- --username ana [--name "Ana López"] [--role admin|agent]
 *
 * The password is read from CONSOLE_ADMIN_PASSWORD, or typed at the prompt (not echoed), or with
 * --generate a random one is printed once. At least 12 characters; stored as a bcrypt hash only.
 * Audited like every console change.
 */
import { randomBytes } from 'node:crypto';
import readline from 'node:readline';
import { loadConfig } from '../backend/src/config';
import { createKnex } from '../backend/src/db/knex';
import { createOperator, type OperatorRole } from '../backend/src/db/operators';
import { writeAudit } from '../backend/src/db/audit-log';
import { hashPassword, passwordProblem } from '../backend/src/console';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function askHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY)
    throw new Error('no terminal: set CONSOLE_ADMIN_PASSWORD or use --generate');
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
  });
  const out = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write(question);
  out._writeToOutput = () => undefined;
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function main(): Promise<void> {
  const username = (arg('username') ?? '').trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(username))
    throw new Error('--username: 2-64 characters, lower-case letters, digits, . _ -');
  const role = (arg('role') ?? 'admin') as OperatorRole;
  if (role !== 'admin' && role !== 'agent') throw new Error('--role: admin or agent');
  const displayName = (arg('name') ?? username).trim().slice(0, 80);
  const generated = process.argv.includes('--generate')
    ? randomBytes(12).toString('base64url')
    : null;
  const password =
    generated ??
    process.env.CONSOLE_ADMIN_PASSWORD ??
    (await askHidden('Password (12+ characters): '));
  const problem = passwordProblem(password);
  if (problem) throw new Error(`password: ${problem}`);

  const config = loadConfig();
  const knex = createKnex({ url: config.db.url, schema: config.db.schema, poolMax: 1 });
  try {
    const created = await createOperator(knex, {
      username,
      displayName,
      role,
      passwordHash: await hashPassword(password),
    });
    if (!created.ok) throw new Error(`user name ${username} is taken`);
    await writeAudit(knex, {
      actor: 'cli:console-create-admin',
      action: 'operator.create',
      entity: 'operator',
      entityId: created.operator.id,
      data: { username, role },
    });
    console.log(`created ${role} ${username} (id ${created.operator.id}); sign in at /console`);
    if (generated) console.log(`password: ${generated}`);
  } finally {
    await knex.destroy();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});

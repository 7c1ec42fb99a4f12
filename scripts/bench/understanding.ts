/**
 * CPU cost of reading free text: `understand()` over every corpus message (both languages and the
 * held-out sets), repeated, reported as CPU microseconds per message. The baseline in the same run
 * is `normalize()` alone (lower-casing, accents, emoji words, abbreviations), so the figure can be
 * read as a ratio too.
 *
 *   npx tsx scripts/bench/understanding.ts [--rounds 50]
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { normalize } from '../../backend/src/conversation/understanding/normalize';
import { understand } from '../../backend/src/conversation/understanding/understand';

const dir = path.resolve(__dirname, '../../backend/tests/unit/conversation/understanding/corpus');
const texts = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) =>
    readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim().startsWith('{'))
      .map((l) => (JSON.parse(l) as { text: string }).text),
  );
const i = process.argv.indexOf('--rounds');
const rounds = i > 0 ? Number(process.argv[i + 1]) : 50;

function cpuMicros(fn: (t: string) => unknown): number {
  for (const t of texts) fn(t); // warm-up (JIT, the fuzzy cache)
  const start = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const t of texts) fn(t);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / (rounds * texts.length);
}

const base = cpuMicros(normalize);
const full = cpuMicros((t) => understand(t));
console.log(
  JSON.stringify(
    {
      messages: texts.length,
      rounds,
      cpuMicrosPerMessage: { normalize: +base.toFixed(2), understand: +full.toFixed(2) },
      ratioToNormalize: +(full / base).toFixed(1),
    },
    null,
    2,
  ),
);

/** WhatsApp's size limits for interactive messages (reference §4.2–4.3), and a checker. */
import type { OutboundMessage } from '../../shared/messages';

export const LIMITS = {
  body: 1024,
  text: 4096,
  buttonTitle: 20,
  buttons: 3,
  listButton: 20,
  rows: 10,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
  buttonId: 256,
  header: 60,
  footer: 60,
} as const;

/** Problems with a message (empty = fine). Used by tests; the builders already respect it. */
export function limitProblems(message: OutboundMessage): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what);
  };
  switch (message.type) {
    case 'text':
      check(
        message.body.length > 0 && message.body.length <= LIMITS.text,
        `text body length ${message.body.length}`,
      );
      break;
    case 'locationRequest':
      check(
        message.body.length > 0 && message.body.length <= LIMITS.body,
        `body length ${message.body.length}`,
      );
      break;
    case 'buttons': {
      check(
        message.body.length > 0 && message.body.length <= LIMITS.body,
        `body length ${message.body.length}`,
      );
      check(
        message.buttons.length >= 1 && message.buttons.length <= LIMITS.buttons,
        `${message.buttons.length} buttons`,
      );
      const titles = new Set<string>();
      for (const b of message.buttons) {
        check(
          b.title.length > 0 && b.title.length <= LIMITS.buttonTitle,
          `button title "${b.title}"`,
        );
        check(
          b.id.length > 0 && b.id.length <= LIMITS.buttonId && b.id.trim() === b.id,
          `button id "${b.id}"`,
        );
        check(!titles.has(b.title), `duplicate button title "${b.title}"`);
        titles.add(b.title);
      }
      break;
    }
    case 'list': {
      check(
        message.body.length > 0 && message.body.length <= LIMITS.body,
        `body length ${message.body.length}`,
      );
      check(
        message.button.length > 0 && message.button.length <= LIMITS.listButton,
        `list button "${message.button}"`,
      );
      const rows = message.sections.flatMap((s) => s.rows);
      check(rows.length >= 1 && rows.length <= LIMITS.rows, `${rows.length} rows`);
      const ids = new Set<string>();
      for (const r of rows) {
        check(r.title.length > 0 && r.title.length <= LIMITS.rowTitle, `row title "${r.title}"`);
        check(
          (r.description ?? '').length <= LIMITS.rowDescription,
          `row description "${r.description}"`,
        );
        check(r.id.length > 0 && r.id.length <= LIMITS.rowId, `row id "${r.id}"`);
        check(!ids.has(r.id), `duplicate row id "${r.id}"`);
        ids.add(r.id);
      }
      if (message.sections.length > 1) {
        for (const s of message.sections) check(!!s.title && s.title.length <= 24, 'section title');
      }
      break;
    }
    case 'template':
      break;
  }
  return problems;
}

/**
 * How the demo chat shows one bot message (a recorded Cloud API send body) in a terminal,
 * and which numbered choices it offers (reply buttons, list rows, template quick replies).
 */
import type { CloudMessagePayload, InteractiveWire, TemplateWire } from '../../src/outbound/types';

export interface TapOption {
  kind: 'button_reply' | 'list_reply' | 'template_button';
  /** Button id, row id or template payload. */
  id: string;
  title: string;
  description?: string;
}

export interface RenderedMessage {
  lines: string[];
  /** Numbered choices (1-based in the text), empty when the message has none. */
  options: TapOption[];
}

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  accent(s: string): string;
  warn(s: string): string;
}

export const plainStyle: Style = {
  bold: (s) => s,
  dim: (s) => s,
  accent: (s) => s,
  warn: (s) => s,
};

export const ansiStyle: Style = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  accent: (s) => `\x1b[36m${s}\x1b[39m`,
  warn: (s) => `\x1b[33m${s}\x1b[39m`,
};

const indent = (text: string, prefix = '  '): string[] => text.split('\n').map((l) => prefix + l);

function renderInteractive(i: InteractiveWire, st: Style): RenderedMessage {
  const lines: string[] = [];
  if (i.type !== 'location_request_message' && i.header)
    lines.push(...indent(st.bold(i.header.text)));
  lines.push(...indent(i.body.text));
  if (i.type !== 'location_request_message' && i.footer)
    lines.push(...indent(st.dim(i.footer.text)));
  if (i.type === 'location_request_message') {
    lines.push(
      st.accent(
        '  📍 The bot asks for your location: type /loc <lat> <lng>  (e.g. /loc 19.4326 -99.1332)',
      ),
    );
    return { lines, options: [] };
  }
  const options: TapOption[] = [];
  if (i.type === 'button') {
    for (const b of i.action.buttons) {
      options.push({ kind: 'button_reply', id: b.reply.id, title: b.reply.title });
      lines.push(st.accent(`   [${options.length}] ${b.reply.title}`));
    }
  } else {
    lines.push(st.dim(`  ☰ ${i.action.button}`));
    for (const section of i.action.sections) {
      if (section.title) lines.push(st.bold(`   ${section.title}`));
      for (const row of section.rows) {
        options.push({
          kind: 'list_reply',
          id: row.id,
          title: row.title,
          ...(row.description ? { description: row.description } : {}),
        });
        lines.push(
          st.accent(`   [${options.length}] ${row.title}`) +
            (row.description ? st.dim(` — ${row.description}`) : ''),
        );
      }
    }
  }
  lines.push(st.dim('  (type the number to tap)'));
  return { lines, options };
}

function renderTemplate(t: TemplateWire, st: Style): RenderedMessage {
  const lines = [st.dim(`  📨 template ${t.name} (${t.language.code})`)];
  const options: TapOption[] = [];
  for (const c of t.components ?? []) {
    if (c.type === 'body') lines.push(...indent(c.parameters.map((p) => p.text).join(' · ')));
    else {
      const payload = c.parameters[0]?.payload ?? '';
      options.push({ kind: 'template_button', id: payload, title: payload });
      lines.push(st.accent(`   [${options.length}] ${payload}`));
    }
  }
  if (options.length > 0) lines.push(st.dim('  (type the number to tap)'));
  return { lines, options };
}

/** Render a send body the bot posted; unknown shapes are shown as JSON. */
export function renderBotMessage(body: unknown, st: Style = plainStyle): RenderedMessage {
  const p = body as Partial<CloudMessagePayload> | null;
  if (p?.type === 'text' && p.text) return { lines: indent(p.text.body), options: [] };
  if (p?.type === 'interactive' && p.interactive) return renderInteractive(p.interactive, st);
  if (p?.type === 'template' && p.template) return renderTemplate(p.template, st);
  return { lines: indent(st.dim(JSON.stringify(body))), options: [] };
}

/**
 * Outside the 24 h customer-service window only pre-approved templates may be sent: a reply that
 * carries a fallback goes out as its template instead (names mapped by WHATSAPP_TEMPLATES, language
 * by WHATSAPP_TEMPLATE_LANGUAGE_ES/EN). Used at send time and when a `failed` 131047 status arrives.
 */
import type { TemplateFallback } from '../conversation/commands';
import type { OutboundMessage } from '../shared/messages';

export interface TemplateSettings {
  templates: Record<string, string>;
  templateLanguage: { es: string; en: string };
}

export function templateOf(
  settings: TemplateSettings,
  fallback: TemplateFallback,
): OutboundMessage {
  return {
    type: 'template',
    name: settings.templates[fallback.template] ?? fallback.template,
    language:
      fallback.locale === 'en' ? settings.templateLanguage.en : settings.templateLanguage.es,
    bodyParams: fallback.params,
    ...(fallback.quickReplyPayloads ? { quickReplyPayloads: fallback.quickReplyPayloads } : {}),
  };
}

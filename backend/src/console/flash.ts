/** Post/redirect/get: an action redirects with `?flash=<code>&…`; the page shows the message. */
import type { Request } from 'express';
import type { Flash } from './layout';
import type { Translate } from './i18n';
import { isFlagKey } from '../shared/feature-flags';
import { flagRuleWord, statusWord } from './i18n';

const q = (req: Request, name: string): string =>
  typeof req.query[name] === 'string' ? (req.query[name] as string).slice(0, 200) : '';

export function flashOf(req: Request, t: Translate): Flash | null {
  switch (q(req, 'flash')) {
    case 'decided':
      return {
        kind: 'info',
        text: t('decision.done', {
          status: statusWord(t, q(req, 'status')),
          notified: q(req, 'notified') === '1' ? t('decision.notified') : t('decision.notNotified'),
        }),
      };
    case 'invalid':
      return {
        kind: 'error',
        text: t('decision.invalid', {
          action: q(req, 'action'),
          status: statusWord(t, q(req, 'status')),
        }),
      };
    case 'sent':
      return {
        kind: 'info',
        text: q(req, 'as') === 'template' ? t('handoff.sentTemplate') : t('handoff.sentText'),
      };
    case 'handedBack':
      return { kind: 'info', text: t('handoff.handedBack') };
    case 'closed':
      return { kind: 'error', text: t('handoff.isClosed') };
    case 'replayed':
      return { kind: 'info', text: t('dead.replayed', { result: q(req, 'result') }) };
    case 'erased':
      return { kind: 'info', text: t('people.erased') };
    case 'flagSet':
      return isFlagKey(q(req, 'flag'))
        ? {
            kind: 'info',
            text: t('flags.changed', {
              flag: q(req, 'flag'),
              rule: flagRuleWord(t, q(req, 'rule')),
            }),
          }
        : null;
    case 'flagCleared':
      return isFlagKey(q(req, 'flag'))
        ? {
            kind: 'info',
            text: t('flags.cleared', {
              flag: q(req, 'flag'),
              rule: flagRuleWord(t, q(req, 'rule')),
            }),
          }
        : null;
    case 'flagUnchanged':
      return isFlagKey(q(req, 'flag'))
        ? { kind: 'info', text: t('flags.unchanged', { flag: q(req, 'flag') }) }
        : null;
    default:
      return null;
  }
}

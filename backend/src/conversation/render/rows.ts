/** List rows shared by several lists: names that may not fit a row title, and paging rows. */
import type { ListRow } from '../../shared/messages';
import type { Locale } from '../locale-types';
import { t } from '../locales';
import { truncateWords } from '../text/sanitize';
import { LIMITS } from './limits';
import type { Page } from './paging';

/**
 * A row titled `full` (already cleaned). A title that does not fit is cut between words
 * ("Reparación…") and the full name goes in the description, before `details` if any.
 */
export function namedRow(locale: Locale, id: string, full: string, details?: string): ListRow {
  const title = truncateWords(full, LIMITS.rowTitle);
  if (title === full) return details ? { id, title, description: details } : { id, title };
  if (!details) return { id, title, description: truncateWords(full, LIMITS.rowDescription) };
  const frame = t(locale, 'desc.fullName', { fullName: '', details }).length;
  const room = LIMITS.rowDescription - frame;
  if (room < 8) return { id, title, description: details };
  return {
    id,
    title,
    description: t(locale, 'desc.fullName', { fullName: truncateWords(full, room), details }),
  };
}

/** "Ver más" (with how many are left) and "Anteriores" rows for a paged list. */
export function pagingRows<T>(
  locale: Locale,
  page: Page<T>,
  idOf: (page: number) => string,
): ListRow[] {
  const rows: ListRow[] = [];
  if (page.next !== null) {
    rows.push({
      id: idOf(page.next),
      title: t(locale, 'row.more'),
      description: t(locale, 'desc.more', { count: page.remaining }),
    });
  }
  if (page.prev !== null) {
    rows.push({
      id: idOf(page.prev),
      title: t(locale, 'row.previous'),
      description: t(locale, 'desc.previous'),
    });
  }
  return rows;
}

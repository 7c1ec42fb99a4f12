/**
 * Split long option lists into pages that fit a WhatsApp list (10 rows) next to the paging
 * rows: "Ver más" on every page but the last, "Anteriores" on every page but the first.
 */
export interface Page<T> {
  items: T[];
  /** Index of the first item on this page within the whole list. */
  offset: number;
  /** The page "Ver más" opens, or null on the last page (or when everything fits). */
  next: number | null;
  /** The page "Anteriores" opens, or null on the first page. */
  prev: number | null;
  /** How many items come after this page. */
  remaining: number;
  page: number;
}

/**
 * `room` = rows available for items (and the paging rows). When everything fits there is one
 * page; otherwise the first page keeps a row for "more", middle pages one for "more" and one
 * for "previous", and the last page one for "previous". Pages out of range show the nearest one.
 */
export function pageOf<T>(all: readonly T[], page: number, room: number): Page<T> {
  if (all.length <= room)
    return { items: [...all], offset: 0, next: null, prev: null, remaining: 0, page: 0 };
  const first = Math.max(1, room - 1);
  const middle = Math.max(1, room - 2);
  const last = Math.max(1, room - 1);
  const wanted = Number.isFinite(page) ? Math.max(0, Math.floor(page)) : 0;
  let offset = 0;
  for (let p = 0; ; p++) {
    const rest = all.length - offset;
    const isLast = p > 0 ? rest <= last : rest <= room;
    const size = isLast ? rest : p === 0 ? first : middle;
    if (p === wanted || isLast) {
      const items = all.slice(offset, offset + size);
      return {
        items,
        offset,
        next: isLast ? null : p + 1,
        prev: p > 0 ? p - 1 : null,
        remaining: all.length - offset - items.length,
        page: p,
      };
    }
    offset += size;
  }
}

/** Split long option lists into pages that fit a WhatsApp list (10 rows) with extra rows. */
export interface Page<T> {
  items: T[];
  /** Index of the first item on this page within the whole list. */
  offset: number;
  /** The page to show for "more", or null when everything fits on one page. */
  next: number | null;
  page: number;
}

/** `room` = rows available for items when everything fits; one fewer is used per page otherwise. */
export function pageOf<T>(all: readonly T[], page: number, room: number): Page<T> {
  if (all.length <= room) return { items: [...all], offset: 0, next: null, page: 0 };
  const size = Math.max(1, room - 1);
  const pages = Math.ceil(all.length / size);
  const p = ((Math.floor(page) % pages) + pages) % pages;
  const offset = p * size;
  return { items: all.slice(offset, offset + size), offset, next: (p + 1) % pages, page: p };
}

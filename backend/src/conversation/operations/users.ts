/** Who is talking: the user behind the conversation. */
import type { UserRecord } from './types';
import type { Locale } from '../locale-types';

export interface UsersOperations {
  /**
   * Find the user of this conversation by its conversation key, creating a bare row
   * (name null, locale 'es') if new. `profileName` is the WhatsApp profile name, for
   * information only (never stored as the user's name without the user confirming it).
   */
  loadUser: { input: { profileName?: string }; output: { user: UserRecord; isNew: boolean } };

  /** Persist the user's chosen name and/or locale (only the fields given). */
  saveUser: { input: { name?: string; locale?: Locale }; output: { user: UserRecord } };
}

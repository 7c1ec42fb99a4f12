/** Places the marketplace does not reach yet. */
import type { LocalizedText } from './types';

export interface CoverageOperations {
  /**
   * Put the user on the waiting list of the place around `lat`/`lng` (the known city there, or
   * "elsewhere"), to be told when the marketplace arrives. One entry per user and place: a
   * repeat returns `already`. `place` names the city, or null when it is not one we know.
   */
  joinWaitlist: {
    input: { userId: number; lat: number; lng: number };
    output: { status: 'joined' | 'already'; place: LocalizedText | null };
  };
}

/** The service catalogue and where things are. */
import type { Coverage, ServiceType } from './types';

export interface CatalogOperations {
  /** Active service types in display order (at most 30). */
  listServiceTypes: { input: Record<string, never>; output: { services: ServiceType[] } };

  /**
   * Geocode a typed Mexican address or 5-digit postal code (`kind` tells which the step
   * recognised). `label` is a short human label of what was found (e.g. "Col. Roma Norte,
   * CDMX"). A city we do not serve yet ("Monterrey", "New York") is found at its centre with
   * `coverage.covered: false`. `not_found` when nothing matches confidently. `coverage`
   * (absent = covered) says whether the marketplace works there.
   */
  geocodeAddress: {
    input: { query: string; kind: 'postalCode' | 'address'; country: 'MX' };
    output:
      | {
          status: 'found';
          lat: number;
          lng: number;
          label: string;
          coverage?: Coverage;
          /** How it was found: the exact postal code, a neighbourhood named, a broader area, a city. */
          matchedBy?: 'postalCode' | 'neighbourhood' | 'area' | 'city';
        }
      | { status: 'not_found' };
  };
}

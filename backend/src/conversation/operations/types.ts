/** Data shapes shared by several operation contracts (plain JSON). */
import type { Locale } from '../locale-types';
import type { ProviderStatus, RequestStatus } from '../../shared/marketplace-status';

export type { ProviderStatus, RequestStatus };

/** A name in both languages (service types are stored translated). */
export interface LocalizedText {
  es: string;
  en: string;
}

/** Whether the marketplace works at a point (decided by backend/src/geo/coverage.ts). */
export type Coverage =
  | { covered: true }
  | {
      covered: false;
      /** The city the point is in when it is one people know ("Monterrey"), else null. */
      place: LocalizedText | null;
      /** Where the marketplace does work ("Ciudad de México"), to say so. */
      served: LocalizedText[];
    };

export interface ProviderInfo {
  status: ProviderStatus;
  online: boolean;
}

export interface LastRequest {
  serviceTypeId: number;
  serviceName: LocalizedText;
  lat: number;
  lng: number;
  /** Address/label the customer gave, if any. */
  address: string | null;
}

export interface UserRecord {
  id: number;
  name: string | null;
  locale: Locale;
  /** 'provider' when a provider row exists for the user (any status). */
  role: 'customer' | 'provider';
  phone: string | null;
  provider: ProviderInfo | null;
  /** The customer's most recent request (any status), for "repeat last service". */
  lastRequest: LastRequest | null;
}

export interface ServiceType {
  id: number;
  /** Stable slug, e.g. 'plumbing'. */
  code: string;
  name: LocalizedText;
}

export interface Candidate {
  providerUserId: number;
  name: string;
  /** Plain average of the stars shown to people (1 decimal is enough); null = no ratings. */
  ratingAvg: number | null;
  ratingCount: number;
  distanceKm: number;
  /** Visit/diagnosis fee in whole MXN pesos (0 = no visit fee); null = to be agreed. */
  visitFee: number | null;
}

export interface ProviderDetail {
  userId: number;
  name: string;
  ratingAvg: number | null;
  ratingCount: number;
  jobsDone: number;
  distanceKm: number;
  services: LocalizedText[];
  /** Visit/diagnosis fee in whole MXN pesos (0 = no visit fee); null = to be agreed. */
  visitFee: number | null;
}

export interface Review {
  stars: number;
  comment: string | null;
  /** First name of the customer who wrote it, or null. */
  authorName: string | null;
  createdAt: number;
}

export interface Party {
  userId: number;
  name: string;
  phone: string | null;
  conversationKey: string;
}

export interface JobDetails {
  requestId: number;
  serviceName: LocalizedText;
  lat: number;
  lng: number;
  address: string | null;
  customer: Party;
  provider: Party;
}

export interface ProviderStats {
  status: ProviderStatus;
  online: boolean;
  name: string;
  ratingAvg: number | null;
  ratingCount: number;
  jobsDone: number;
}

/** A provider's own settings, as they see and change them from "Mi perfil de proveedor". */
export interface ProviderOwnProfile {
  /** The active services they offer, in menu order. */
  services: ServiceType[];
  /** Their base. */
  lat: number;
  lng: number;
  /** The neighbourhood of the base when it is a known one, else null (then a map link is shown). */
  area: string | null;
  /** How far from the base they go, km. */
  radiusKm: number;
  /** Visit/diagnosis fee in whole MXN pesos (0 = no visit fee); null = to be agreed. */
  visitFee: number | null;
}

/** A comment a customer left with their stars, as the provider sees it: never who wrote it. */
export interface RatingComment {
  stars: number;
  /** Stored sanitised (≤ 500 chars); shown with `displayName` like every text of someone else. */
  comment: string;
  createdAt: number;
}

export interface RequestSummary {
  requestId: number;
  serviceName: LocalizedText;
  status: RequestStatus;
  createdAt: number;
  /** Set once a provider accepted. */
  providerName: string | null;
  providerPhone: string | null;
  /** While an offer is open: the provider who has it and has not answered yet. */
  offeredTo?: string | null;
  /** A done request the customer has rated already (false: offer "Calificar"). */
  rated?: boolean;
  /** What the customer said was wrong ("¿Qué pasa?"), and how many photos / voice notes came with it. */
  problem?: string | null;
  mediaCount?: number;
}

/** One of a provider's active (accepted, not yet done) jobs, with what they need to do it. */
export interface JobSummary {
  requestId: number;
  serviceName: LocalizedText;
  customerName: string;
  /** Digits for wa.me, or null when the customer's number is withheld. */
  customerPhone: string | null;
  /** The customer's conversation (to tell them "va en camino"); null only for a user with no WhatsApp identity. */
  customerKey: string | null;
  /** The provider's own display name (as customers see it). */
  providerName: string;
  address: string | null;
  lat: number;
  lng: number;
  acceptedAt: number | null;
  /** What the customer said was wrong, or null. */
  problem?: string | null;
}

/** Why a customer cancels an accepted job (the reasons list; `other` comes with their own words). */
export type CancelReasonCode =
  'solved' | 'too_slow' | 'price' | 'found_other' | 'not_needed' | 'other';

export interface CancelReason {
  code: CancelReasonCode;
  /** The customer's own words (sanitised, ≤ 200 chars) for `other`; null otherwise. */
  note: string | null;
}

/**
 * Conversation state: a tagged union, so the compiler checks every case in the step.
 * Stored as JSON in Redis inside a versioned envelope (see conversation/runner/store.ts).
 *
 * Only the dialog lives here (what question is open, what the user has chosen so far).
 * Everything about requests, offers and jobs lives in Postgres; background events
 * (notices, timers) carry the ids they need, so they work whatever the dialog state is.
 */
import type { Locale } from './locale-types';
import type { ConversationEvent } from './events';
import type {
  Candidate,
  LastRequest,
  LocalizedText,
  ProviderDetail,
  ProviderInfo,
  ProviderOwnProfile,
  ProviderStats,
  RatingComment,
  RequestSummary,
  Review,
  ServiceType,
} from './operations';

/** Bump when the shape changes and add a case to `migrateState`. */
export const STATE_SCHEMA_VERSION = 2;

export interface Profile {
  userId: number;
  name: string | null;
  locale: Locale;
  phone: string | null;
  provider: ProviderInfo | null;
  lastRequest: LastRequest | null;
}

export interface Place {
  lat: number;
  lng: number;
  /** Sanitised address/label (typed, geocoded or from the WhatsApp location), or null. */
  label: string | null;
  /** The neighbourhood when known (a typed address's colonia): what offers show instead of `label`. */
  area?: string | null;
}

export interface ChosenService {
  id: number;
  name: LocalizedText;
}

/**
 * A request said before the flow could take it (in the first message, or typed at the name
 * question): kept until the flow can use it, then the next missing step is asked.
 */
export interface Want {
  /** Service code (service_types.code), when one was named. */
  service?: string;
  urgent?: boolean;
  /** For another day or time ("para mañana"): said so, the time is agreed with the provider. */
  later?: boolean;
  /** What is wrong, when it was already said (the first message, a photo's caption). */
  problem?: Problem;
  /** Greet by the name just given when the request is taken up. */
  greet?: boolean;
  /** Where, when a location pin came first (sent from the menu): not asked again. */
  place?: Place;
  /** An address said with the request ("… en Durango 200, Roma Norte"): placed instead of asking. */
  address?: string;
  /** The trades a provider signing up named ("soy plomero y electricista"): marked for them. */
  trades?: string[];
  /** Other trades asked for in the same message ("y también un electricista"): asked for next. */
  also?: string[];
}

/** "¿Qué pasa?": the customer's words and up to three photos or voice notes (stored media ids). */
export interface Problem {
  text: string | null;
  mediaIds: number[];
  /** The customer said it is urgent ("¡urgente!", a danger): offers show it. */
  urgent?: true;
}

export interface ProviderDraft {
  name: string;
  serviceIds: number[];
  place: Place | null;
}

/**
 * Registration's questions asked again to change one answer of a registered provider (from
 * "Mi perfil de proveedor"): the draft then holds the profile as it is, and the answer is saved at
 * once (updateProviderProfile) instead of leading to the next question.
 */
export interface Editing {
  editing?: true;
}

interface Active {
  profile: Profile;
}

export type LoadingState = {
  name: 'loading';
  /** Events that arrived before the user record was loaded, replayed in order afterwards. */
  pending: ConversationEvent[];
  /** The previous session expired (greet with "welcome back"). */
  resumed: boolean;
  /** ctx.now when loadUser was asked (asked again if it never answers). */
  since: number;
};

export type ActiveState = Active &
  (
    | /**
       * Asked for their name: a new user, or someone changing it (`changing`: menus stay usable).
       * `then` = what to do once it is saved; `want` = a request said before the name.
       */
      {
        name: 'askName';
        suggested: string | null;
        then: 'menu' | 'provider';
        saving: string | null;
        want?: Want;
        changing?: boolean;
        /** They declined to give a name: their WhatsApp name is being saved instead. */
        declined?: true;
      }
      /** `resume`: the booking or sign-up just cancelled by "cancelar" ("seguir" takes it up again). */
    | { name: 'mainMenu'; want?: Want; resume?: ResumableState }
    /* ---- customer ---- */
    | { name: 'chooseService'; services: ServiceType[]; page: number; want?: Want }
    /** "¿Qué pasa?" (optional): words, photos and voice notes; `saving` while a file is fetched. */
    | {
        name: 'describeProblem';
        service: ChosenService;
        problem: Problem;
        saving: number;
        /** Where, already shared (a pin sent before the service): searched after this question. */
        place?: Place;
        /** An address said earlier (with the request, or with the problem): placed after this question. */
        address?: string;
      }
    /** `place` is set while candidates for it are being looked up. */
    | {
        name: 'shareLocation';
        service: ChosenService;
        place: Place | null;
        problem?: Problem;
        /** The street address typed, while it is being placed (kept as the job's address). */
        typed?: string;
        /** A neighbourhood inferred from a postal code, waiting for "¿Es ahí?". */
        confirm?: Place;
        /** A street typed without its colonia that could not be placed: the next colonia or postal code completes it. */
        street?: string;
      }
    | {
        name: 'browseProviders';
        service: ChosenService;
        place: Place;
        candidates: Candidate[];
        problem?: Problem;
      }
    | {
        name: 'providerDetail';
        service: ChosenService;
        place: Place;
        candidates: Candidate[];
        detail: ProviderDetail;
        reviews: Review[];
        problem?: Problem;
      }
    /** `offered`: who has the request now and their visit fee (for "¿cuánto cobra?" while waiting). */
    | {
        name: 'awaitingProvider';
        requestId: number;
        service: LocalizedText;
        offered?: { name: string; visitFee: number | null };
      }
    /** `confirmed` false: first "¿Quedó listo?" (the customer confirms the job is done), then the stars. */
    /** `comment`: said with the stars ("5 estrellas, muy puntual"), saved right after them. */
    | {
        name: 'rateJob';
        requestId: number;
        providerName: string;
        confirmed?: boolean;
        comment?: string;
      }
    /** `cut`: the comment was longer than kept (the thanks says so). */
    | {
        name: 'rateComment';
        requestId: number;
        providerName: string;
        stars: number;
        cut?: boolean;
        saving?: string;
      }
    | { name: 'myRequests'; requests: RequestSummary[] }
    /* ---- provider registration ---- */
    | {
        name: 'provName';
        draft: ProviderDraft;
        /** The trade said when asking to join ("soy plomero"): marked when the services are listed. */
        trade?: string;
        /** Several trades said ("soy plomero y electricista"): all marked. */
        trades?: string[];
      }
    | ({
        name: 'provServices';
        draft: ProviderDraft;
        services: ServiceType[];
        page: number;
      } & Editing)
    | ({ name: 'provLocation'; draft: ProviderDraft } & Editing)
    /** `radiusKm`: the current one, when editing. */
    | ({ name: 'provRadius'; draft: ProviderDraft & { place: Place; radiusKm?: number } } & Editing)
    /** Registration, last (optional) question: the visit/diagnosis fee. */
    | { name: 'provFee'; draft: ProviderDraft & { place: Place; radiusKm: number } }
    /* ---- offers that respect people, visit fees (issue 14) ---- */
    /** The provider the customer chose cannot take the request: look for another, or cancel? */
    | { name: 'replaceChosen'; requestId: number; service: LocalizedText; providerName: string }
    /** Cancelling an accepted job: the reasons list (choosing one confirms). */
    | { name: 'cancelWhy'; requestId: number; service: LocalizedText; providerName: string }
    /** "Other reason": waiting for the customer's own words. */
    | { name: 'cancelNote'; requestId: number; service: LocalizedText; providerName: string }
    /** A provider changing their visit fee (from the menu). */
    | { name: 'editFee' }
    /* ---- privacy (flows/care.ts) ---- */
    /** "borrar mis datos": asked to confirm; `erasing` once the erasure was asked for. */
    | { name: 'confirmErase'; erasing: boolean }
    /* ---- a provider's own profile (issue 14, item 3) ---- */
    /** "Mi perfil de proveedor" shown: numbers, settings, latest rating comments, what can be changed. */
    | {
        name: 'provProfile';
        stats: ProviderStats;
        own: ProviderOwnProfile;
        comments: RatingComment[];
      }
  );

export type ConversationState = LoadingState | ActiveState;

/** The steps a "cancelar" can be taken back from (a booking or a provider sign-up half done). */
export const RESUMABLE = [
  'chooseService',
  'describeProblem',
  'shareLocation',
  'browseProviders',
  'providerDetail',
  'provName',
  'provServices',
  'provLocation',
  'provRadius',
  'provFee',
] as const;
export type ResumableState = Extract<ActiveState, { name: (typeof RESUMABLE)[number] }>;

export type StateName = ConversationState['name'];
export type ActiveStateName = ActiveState['name'];
export type StateOf<N extends StateName> = Extract<ConversationState, { name: N }>;

/** Every state name, checked complete by the compiler. */
const STATE_NAME_SET: Record<StateName, true> = {
  loading: true,
  askName: true,
  mainMenu: true,
  chooseService: true,
  describeProblem: true,
  shareLocation: true,
  browseProviders: true,
  providerDetail: true,
  awaitingProvider: true,
  rateJob: true,
  rateComment: true,
  myRequests: true,
  provName: true,
  provServices: true,
  provLocation: true,
  provRadius: true,
  provFee: true,
  replaceChosen: true,
  cancelWhy: true,
  cancelNote: true,
  editFee: true,
  confirmErase: true,
  provProfile: true,
};
export const STATE_NAMES = Object.keys(STATE_NAME_SET) as StateName[];

/** Bring a stored state of an older schema to the current one; null = start afresh. */
export function migrateState(raw: unknown, schema: number): ConversationState | null {
  if (schema !== STATE_SCHEMA_VERSION) return null; // v1 only ever held a menu: start afresh
  return isState(raw) ? raw : null;
}

function isState(raw: unknown): raw is ConversationState {
  if (typeof raw !== 'object' || raw === null) return false;
  const { name, profile, pending } = raw as {
    name?: unknown;
    profile?: unknown;
    pending?: unknown;
  };
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(STATE_NAME_SET, name))
    return false;
  if (name === 'loading') return Array.isArray(pending);
  return (
    typeof profile === 'object' &&
    profile !== null &&
    typeof (profile as { userId?: unknown }).userId === 'number' &&
    ((profile as { locale?: unknown }).locale === 'es' ||
      (profile as { locale?: unknown }).locale === 'en')
  );
}

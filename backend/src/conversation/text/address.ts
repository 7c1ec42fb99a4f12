/**
 * Addresses as people type them: the answer to "¿a dónde vamos?", an address typed at the menu, and
 * the address inside a request ("necesito un electricista en Av. Álvaro Obregón 120, Roma Norte, se
 * fue la luz"). Pure; the gazetteer (geo/) places what is found here.
 */
import { normalizeWords } from './words';

/**
 * An address as typed, without the words around it: "estoy en Durango 200, Roma Norte" →
 * "Durango 200, Roma Norte"; "I'm at Colonia Condesa" → "Colonia Condesa"; "mi cp es 06700" →
 * "06700". What is kept is what the provider will read.
 */
export function addressText(text: string): string {
  const lead =
    /^(?:(?:hola|buenas|buen[oa]s (?:dias|tardes|noches)|hi|hello)[\s,.!]+)?(?:(?:estoy|estamos|vivo|vivimos|es|seria|queda|quedo|me encuentro|nos encontramos)\s+en\s+|(?:mi|la|el)\s+(?:direcci[oó]n|domicilio|ubicaci[oó]n|c[oó]digo postal|c\.?\s?p\.?)\s+(?:es\s+|seria\s+)?(?:en\s+)?:?\s*|(?:direcci[oó]n|domicilio|address)\s*:\s*|(?:i'?m|i am|we'?re|we are|it'?s|it is)\s+(?:at|in|on)\s+|(?:my|the)\s+address\s+is\s+|(?:my\s+)?(?:postal|zip)\s+code\s+is\s+)/iu;
  const trimmed = text.trim();
  const rest = trimmed.replace(lead, '').trim();
  return rest.length > 0 ? rest : trimmed;
}

/** A Mexican postal code ("06700", "CP 06700", "C.P. 06700", "mi cp es 06700"), or null. */
export function postalCode(text: string): string | null {
  const m = /^(?:c\.?\s*p\.?\s*|c[oó]digo postal\s*|zip\s*(?:code)?\s*)?:?\s*(\d{5})\.?$/iu.exec(
    addressText(text),
  );
  return m ? (m[1] as string) : null;
}

/**
 * Whether typed text could be an address worth geocoding: at least 6 characters with at
 * least 4 letters, a vowel, and not one character repeated.
 */
export function looksLikeAddress(text: string): boolean {
  const t = normalizeWords(text);
  if (t.length < 6 || t.length > 200) return false;
  const letters = t.replace(/[^\p{L}]/gu, '');
  if (letters.length < 4 || !/[aeiou]/.test(letters)) return false;
  return new Set(letters).size >= 3;
}

/** Words that name a street ("Av.", "calle", "privada") or an area ("col.", "fracc.", "C.P."). */
const STREET_WORD =
  /\b(?:calle|av|avenida|ave|blvd|boulevard|bulevar|calz|calzada|privada|priv|cerrada|cda|andador|circuito|prol|prolongacion|carretera|periferico|callejon|retorno|street|st|road|rd|avenue|drive|lane|ln)\b/;
const AREA_WORD =
  /\b(?:col|colonia|fracc|fraccionamiento|barrio|unidad habitacional|alcaldia|delegacion|municipio|cp|codigo postal)\b/;

/**
 * Text that is plainly an address even where nobody asked for one ("Av. Insurgentes Sur 1234, Del
 * Valle", "Durango 45, col. Roma"): a street or area word and a number, or either after "mi
 * dirección es" / "estoy en". Stricter than `looksLikeAddress`, which is for the answer to
 * "¿a dónde vamos?".
 */
export function plainlyAnAddress(text: string): boolean {
  const bare = addressText(text);
  const t = normalizeWords(bare);
  if (t.length < 6 || t.length > 200) return false;
  const named = STREET_WORD.test(t) || AREA_WORD.test(t);
  const numbered = /\d/.test(t);
  // "mi dirección es Álvaro Obregón 30", "estoy en Av. Reforma": the lead-in says it is one.
  if (bare !== text.trim()) return named || numbered;
  return named && numbered;
}

// ---------------------------------------------------------------- the address inside a request

/** A set of folded words, written `a|b|c`. */
const keys = (list: string): ReadonlySet<string> => new Set(list.split('|'));

/** Words that name a street ("Av.", "calle", "Blvd."; "cerrada" only before a name or a number). */
const STREET_KEYS = keys(
  'calle|av|avenida|ave|blvd|boulevard|bulevar|calz|calzada|prol|prolongacion|periferico|' +
    'privada|priv|cerrada|cda|andador|circuito|callejon|retorno|carretera|eje|paseo|street|' +
    'avenue|road',
);
/** Area words ("col.", "colonia", "fracc.", "barrio"). */
const AREA_KEYS = keys(
  'col|colonia|fracc|fraccionamiento|barrio|unidad|alcaldia|delegacion|municipio',
);
/** Abbreviations whose period does not end a sentence ("Av. Juárez", "col. Roma", "No. 12"). */
const ABBREVIATIONS = keys(
  'av|ave|col|no|num|cp|c p|int|ext|depto|dpto|mz|mza|lt|esq|priv|blvd|calz|prol|fracc|' +
    'cda|sta|sto|st|gral|lic|ing|dr|edo|cd|u h|uh|pte|ote|nte|sur',
);
/** Words inside a street's name ("Paseo de la Reforma", "5 de Mayo"). */
const CONNECTORS = keys('de|del|la|las|los|el|y');
/** Parts after the number ("int 3", "depto 402", "mz 5 lt 12", "bis"). */
const UNIT_KEYS = keys(
  'int|interior|depto|departamento|dpto|dep|casa|local|piso|edif|edificio|torre|mz|mza|' +
    'manzana|lt|lote|letra|bis|ext|exterior|no|num|numero|n',
);
/** Words that end an address: the sentence goes on about something else. */
const STOP_KEYS = keys(
  'se|que|porque|pq|xq|pero|no|ya|hay|tengo|tenemos|necesito|necesitamos|ocupo|ocupamos|' +
    'urge|urgente|es|esta|estoy|son|por|para|favor|porfa|porfavor|pf|plis|gracias|me|mi|' +
    'mis|un|una|lo|le|les|con|sin|cuando|donde|hoy|ahora|manana|rapido|ayuda|alguien|quien|' +
    'solo|en|a|i|my|the|it|is|please|asap|need|and|but|we|im|there|its|el|la|los|las|y|o|' +
    'ni|tiene|sale|gotea|fuga|luz|agua|gas|puerta|llave|tubo|bano|cocina|chapa|cerradura|' +
    'corto|contacto|foco|boiler|calentador|regadera|lavabo|fregadero|wc|escusado|excusado|' +
    'inodoro|tinaco|bomba|ventana|reja|porton|cable|hola|buenas|buenos|buen|hi|hello|hey|oye|' +
    'disculpe|disculpa|gracias|thanks|senor|senora|joven',
);
/** Words after a number that make it a time, a price or an amount, not a house number. */
const UNIT_AFTER_NUMBER = keys(
  'min|mins|minutos|minuto|minutes|minute|hr|hrs|hora|horas|hours|hour|pesos|peso|mxn|am|' +
    'pm|metros|mts|m|km|anos|dias|veces|cm|litros|estrellas|stars',
);
/** A lead that says an address follows ("en", "at", "vivo en", "mi dirección es"). */
const LEADS = keys('en|at|on');
/** Places a province or a city, after a comma ("CDMX", "Edo. Méx."). */
const REGION_KEYS = keys(
  'cdmx|df|mexico|edomex|edo mex|estado de mexico|ciudad de mexico|mexico city',
);

interface Token {
  raw: string;
  key: string;
  /** The token closes a comma-separated part ("Roma Norte,"). */
  comma: boolean;
  /** The token ends a sentence ("luz." but not "Av."). */
  end: boolean;
}

function tokensOf(text: string): Token[] {
  return (text.match(/\S+/g) ?? []).map((raw) => {
    const key = normalizeWords(raw);
    const dotted = /\.$/.test(raw) && !ABBREVIATIONS.has(key) && !/^\d+\.$/.test(raw);
    return {
      raw,
      key,
      comma: /[,;]$/.test(raw),
      end: /[!?\n]$/.test(raw) || dotted,
    };
  });
}

const isNumber = (t: Token | undefined): boolean =>
  t !== undefined && (/^#?\d{1,5}[a-z]?$/.test(t.key) || t.key === 'sn' || t.key === 's n');
const capitalised = (t: Token | undefined): boolean =>
  t !== undefined && /^[\p{Lu}\d]/u.test(t.raw.replace(/^[#"'(¿¡]+/, ''));
const houseNumber = (tokens: Token[], i: number): boolean =>
  isNumber(tokens[i]) && !UNIT_AFTER_NUMBER.has(tokens[i + 1]?.key ?? '');

/**
 * Where an address starts: a street or area word with a name after it; "en" + a street and its
 * number ("en durango 200"); "en la Narvarte"; or a capitalised street, its number and then a
 * colonia or a unit ("Insurgentes Sur 1234 int 5, Del Valle").
 */
function startOf(tokens: Token[]): number {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1];
    if (!next) break;
    const named = tokens[i + 2];
    if (LEADS.has(t.key) && next.key === 'la' && named && capitalised(named) && !isNumber(named))
      if (![STOP_KEYS, STREET_KEYS, AREA_KEYS].some((set) => set.has(named.key))) return i + 1;
    if (STOP_KEYS.has(next.key) || t.comma || t.end) continue;
    if (STREET_KEYS.has(t.key) && (capitalised(next) || numberWithin(tokens, i + 1, 6))) return i;
    if (AREA_KEYS.has(t.key) && (t.key !== 'unidad' || next.key === 'habitacional')) return i;
    if (LEADS.has(t.key) && !isNumber(next) && !CONNECTORS.has(next.key)) {
      if (numberWithin(tokens, i + 1, capitalised(next) ? 5 : 4)) return i + 1;
    }
    if (capitalised(t) && !isNumber(t) && !STOP_KEYS.has(t.key) && !LEADS.has(t.key)) {
      let j = i;
      while (j < i + 4 && capitalised(tokens[j]) && !isNumber(tokens[j]) && !tokens[j]?.comma) j++;
      const after = tokens[j + 1];
      const closes =
        (tokens[j] as Token | undefined)?.comma ||
        (after !== undefined && (AREA_KEYS.has(after.key) || UNIT_KEYS.has(after.key)));
      if (j > i && houseNumber(tokens, j) && closes) return i;
    }
  }
  return -1;
}

/** A house number within `span` tokens of `from`, before anything that ends the street's name. */
function numberWithin(tokens: Token[], from: number, span: number): boolean {
  for (let i = from; i < Math.min(tokens.length, from + span); i++) {
    const t = tokens[i] as Token;
    if (houseNumber(tokens, i)) return true;
    if (t.comma || t.end || (STOP_KEYS.has(t.key) && !CONNECTORS.has(t.key))) return false;
  }
  return false;
}

/**
 * How many words of one comma-separated part after the street are a place: a colonia, a postal
 * code, a city ("Roma Norte", "06700", "CDMX"); "Roma Norte please" → 2; "se fue la luz" → 0.
 */
function placeWords(part: Token[]): number {
  if (part.length === 0) return 0;
  const words = part.map((t) => t.key).join(' ');
  if (REGION_KEYS.has(words) || /^(?:c ?p )?\d{5}$/.test(words)) return part.length;
  const first = part[0] as Token;
  const from = AREA_KEYS.has(first.key) ? 1 : 0;
  let n = from;
  while (
    n < part.length &&
    !(STOP_KEYS.has((part[n] as Token).key) && !CONNECTORS.has((part[n] as Token).key))
  )
    n++;
  while (n > from && CONNECTORS.has((part[n - 1] as Token).key)) n--;
  if (n > 5 || n === from || first.key === 'y') return 0;
  if (from === 1 || capitalised(first)) return n;
  // Lower case ("roma norte"): only a short part that is nothing else.
  return n === part.length && n <= 3 ? n : 0;
}

/** The end (exclusive) of a run of name words: capitalised or connectors, at most `max`. */
function nameRun(tokens: Token[], from: number, max: number): number {
  let i = from;
  while (i < tokens.length && i - from < max) {
    const t = tokens[i] as Token;
    if (STOP_KEYS.has(t.key) && !CONNECTORS.has(t.key)) break;
    if (!capitalised(t) && !CONNECTORS.has(t.key) && !isNumber(t)) break;
    i++;
    if (t.comma || t.end) break;
  }
  // A name does not end on "de" / "la".
  while (i > from && CONNECTORS.has((tokens[i - 1] as Token).key)) i--;
  return i;
}

/** The end (exclusive) of the street part starting at `start`: its name, number and units. */
function streetEnd(tokens: Token[], start: number): number {
  const first = tokens[start] as Token;
  let i = start + 1;
  if (AREA_KEYS.has(first.key)) {
    // "colonia Doctores", "col. roma norte": the area's name, up to four words.
    let j = i;
    while (j < tokens.length && j - i < 4 && !STOP_KEYS.has((tokens[j] as Token).key)) {
      j++;
      if ((tokens[j - 1] as Token).comma || (tokens[j - 1] as Token).end) break;
    }
    return j;
  }
  // The street's name up to its number ("Álvaro Obregón 120", "5 de Mayo 12").
  let numbered = -1;
  for (let j = i; j < Math.min(tokens.length, start + 8); j++) {
    const t = tokens[j] as Token;
    if (houseNumber(tokens, j) && j > start + (STREET_KEYS.has(first.key) ? 1 : 0)) numbered = j;
    else if (numbered >= 0) break;
    if (t.comma || t.end || (STOP_KEYS.has(t.key) && !CONNECTORS.has(t.key))) break;
  }
  // "Calle 5 de Mayo" without a number: the street's own number is its name.
  if (numbered < 0) return nameRun(tokens, i, 5);
  i = numbered + 1;
  // "int 3", "depto 402", "mz 5 lt 12", "bis", "Int. B".
  while (i < tokens.length && !(tokens[i - 1] as Token).comma && !(tokens[i - 1] as Token).end) {
    const t = tokens[i] as Token;
    if (
      UNIT_KEYS.has(t.key) &&
      tokens[i + 1] &&
      /^[#\p{L}\d]{1,4}$/u.test((tokens[i + 1] as Token).key)
    )
      i += 2;
    else if (t.key === 'bis') i += 1;
    else break;
  }
  return i;
}

/**
 * The address inside a longer message, as typed, or null: "necesito un electricista en Av. Álvaro
 * Obregón 120, Roma Norte, se fue la luz" → "Av. Álvaro Obregón 120, Roma Norte"; "ocupo plomero,
 * cp 06700" → "06700". What follows the street is kept while it reads as a place (a colonia, a
 * postal code, a city), not as the trouble.
 */
export function addressInMessage(text: string): string | null {
  if (text.length > 1000) return null;
  const tokens = tokensOf(text);
  const start = startOf(tokens);
  if (start < 0) return postalCodeInMessage(text);
  let end = streetEnd(tokens, start);
  // No comma: "Durango 200 Roma Norte", "Durango 200 col. Roma", "... 1500 san angel".
  const after = tokens[end];
  const last = tokens[end - 1];
  if (after && last && !last.comma && !last.end) {
    if (AREA_KEYS.has(after.key)) end = streetEnd(tokens, end);
    else if (capitalised(after) && !STOP_KEYS.has(after.key)) end = nameRun(tokens, end, 4);
    else if (tokens.length - end <= 3 && tokens.slice(end).every((t) => !STOP_KEYS.has(t.key)))
      end = tokens.length; // "... 1500 san angel" at the end of the message
  }
  // Then the comma-separated parts that are places.
  while (
    end < tokens.length &&
    (tokens[end - 1] as Token).comma &&
    !(tokens[end - 1] as Token).end
  ) {
    let stop = end;
    while (stop < tokens.length && !(tokens[stop] as Token).comma && !(tokens[stop] as Token).end)
      stop++;
    const part = tokens.slice(end, Math.min(tokens.length, stop + 1));
    const place = placeWords(part);
    end += place;
    if (place < part.length) break;
  }
  const found = tokens
    .slice(start, end)
    .map((t) => t.raw)
    .join(' ')
    .replace(/[\s,;:.!?]+$/u, '');
  const words = normalizeWords(found);
  if (words.length < 5 || !/\p{L}{3}/u.test(words)) return postalCodeInMessage(text);
  return found;
}

/** "ocupo plomero, cp 06700", "mi código postal es 03100": the code, or null. */
function postalCodeInMessage(text: string): string | null {
  const m =
    /(?:\bc\.?\s?p\.?|c[oó]digo postal|\bzip(?: code)?)\s*(?:es\s*|is\s*)?:?\s*(\d{5})\b/iu.exec(
      text,
    );
  return m ? (m[1] as string) : null;
}

/**
 * The message without its address, for the problem the providers read before they accept (they
 * see the area, never the street): "necesito un electricista urgente en Av. Álvaro Obregón 120,
 * Roma Norte, se fue la luz" → "necesito un electricista urgente, se fue la luz".
 */
export function withoutAddress(text: string, address: string): string {
  const i = text.indexOf(address);
  if (i < 0) return text;
  const before = text
    .slice(0, i)
    .replace(
      /(?:\b(?:mi|el|my)\s+)?(?:c\.?\s?p\.?|c[oó]digo postal|zip(?: code)?)\s*(?:es\s+|is\s+)?:?\s*$/iu,
      '',
    )
    .replace(
      /(?:\b(?:mi|la|my|the)\s+(?:direcci[oó]n|domicilio|address)\s+(?:es|is)\s*:?\s*)$/iu,
      '',
    )
    .replace(
      /(?:\b(?:estoy|estamos|vivo|vivimos|queda|es|i'?m|we'?re|i am)\s+)?\b(?:en|at|on|in)(?:\s+(?:la|el|the))?\s*$/iu,
      '',
    );
  return `${before.trimEnd()} ${text.slice(i + address.length).trimStart()}`
    .replace(/\s+([,.;:!?])/gu, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/gu, '$1')
    .replace(/^[\s,;:.]+|[\s,;:]+$/gu, '')
    .replace(/^(?:y|e|and)\s+/iu, '')
    .replace(/\s{2,}/gu, ' ');
}

/**
 * A point written in the text: a Google Maps link with its coordinates ("…/@19.4194,-99.1633,17z",
 * "…?q=19.4194,-99.1633") or a typed pair ("19.4194, -99.1633"), or null. Short links
 * (maps.app.goo.gl) carry no coordinates: `mapsShortLink` tells them apart.
 */
export function coordinatesIn(text: string): { lat: number; lng: number } | null {
  if (text.length > 2000) return null;
  const m = /(?:^|[@=/\s(,])(-?\d{1,2}\.\d{4,})\s*,\s*(-?\d{1,3}\.\d{4,})(?![\d.])/u.exec(text);
  if (!m) return null;
  const lat = Number(m[1]);
  const lng = Number(m[2]);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
    return null;
  return { lat, lng };
}

/** A shortened maps link ("https://maps.app.goo.gl/…", "goo.gl/maps/…"): it cannot be read here. */
export function mapsShortLink(text: string): boolean {
  return /\b(?:maps\.app\.goo\.gl|goo\.gl\/maps|maps\.apple\.com|waze\.com\/ul)\b/iu.test(text);
}

/**
 * Cities people name or share pins in — Mexican metros and a few US cities where many Mexicans
 * live — with a centre, a radius (how far the city reaches, km) and the words people type for
 * them (accent- and case-free). Used to say *where* we are not yet ("Aún no llegamos a
 * Monterrey"), not to place an address precisely. Coordinates are city centres (±2 km).
 */
export interface City {
  /** Stable code, stored with waitlist entries. */
  id: string;
  name: { es: string; en: string };
  lat: number;
  lng: number;
  radiusKm: number;
  /** What people type (folded: lower case, no accents). Ambiguous names carry a state or country. */
  aliases: readonly string[];
}

const city = (
  id: string,
  es: string,
  lat: number,
  lng: number,
  radiusKm: number,
  aliases: string[],
  en = es,
): City => ({ id, name: { es, en }, lat, lng, radiusKm, aliases });

export const CITIES: readonly City[] = [
  city(
    'cdmx',
    'Ciudad de México',
    19.4326,
    -99.1332,
    35,
    ['ciudad de mexico', 'cdmx', 'mexico city'],
    'Mexico City',
  ),
  city('monterrey', 'Monterrey', 25.6866, -100.3161, 30, [
    'monterrey',
    'mty',
    'san pedro garza garcia',
    'san nicolas de los garza',
    'apodaca',
  ]),
  city('guadalajara', 'Guadalajara', 20.6597, -103.3496, 30, [
    'guadalajara',
    'gdl',
    'zapopan',
    'tlaquepaque',
  ]),
  city('tijuana', 'Tijuana', 32.5149, -117.0382, 25, ['tijuana']),
  city('puebla', 'Puebla', 19.0414, -98.2063, 20, ['puebla', 'cholula']),
  city('toluca', 'Toluca', 19.2826, -99.6557, 20, ['toluca', 'metepec']),
  city('leon', 'León', 21.125, -101.686, 20, ['leon guanajuato', 'leon gto']),
  city('queretaro', 'Querétaro', 20.5888, -100.3899, 20, ['queretaro', 'qro']),
  city('merida', 'Mérida', 20.9674, -89.5926, 20, ['merida']),
  city('cancun', 'Cancún', 21.1619, -86.8515, 20, ['cancun']),
  city('playa-del-carmen', 'Playa del Carmen', 20.6296, -87.0739, 12, ['playa del carmen']),
  city('ciudad-juarez', 'Ciudad Juárez', 31.6904, -106.4245, 25, [
    'ciudad juarez',
    'cd juarez',
    'cd. juarez',
  ]),
  city('chihuahua', 'Chihuahua', 28.6353, -106.0889, 20, ['chihuahua']),
  city('hermosillo', 'Hermosillo', 29.0729, -110.9559, 20, ['hermosillo']),
  city('mexicali', 'Mexicali', 32.6245, -115.4523, 20, ['mexicali']),
  city('culiacan', 'Culiacán', 24.8091, -107.394, 20, ['culiacan']),
  city('mazatlan', 'Mazatlán', 23.2494, -106.4111, 15, ['mazatlan']),
  city('aguascalientes', 'Aguascalientes', 21.8853, -102.2916, 20, ['aguascalientes']),
  city('san-luis-potosi', 'San Luis Potosí', 22.1565, -100.9855, 20, ['san luis potosi', 'slp']),
  city('morelia', 'Morelia', 19.7008, -101.1844, 20, ['morelia']),
  city('veracruz', 'Veracruz', 19.1738, -96.1342, 20, ['veracruz', 'boca del rio']),
  city('xalapa', 'Xalapa', 19.5438, -96.9102, 15, ['xalapa', 'jalapa']),
  city('acapulco', 'Acapulco', 16.8531, -99.8237, 20, ['acapulco']),
  city('oaxaca', 'Oaxaca', 17.0732, -96.7266, 15, ['oaxaca']),
  city('saltillo', 'Saltillo', 25.4232, -101.0053, 20, ['saltillo']),
  city('torreon', 'Torreón', 25.5428, -103.4068, 20, ['torreon']),
  city('cuernavaca', 'Cuernavaca', 18.9242, -99.2216, 15, ['cuernavaca']),
  city('pachuca', 'Pachuca', 20.1011, -98.7591, 15, ['pachuca']),
  city('villahermosa', 'Villahermosa', 17.9892, -92.9475, 15, ['villahermosa']),
  city('tuxtla', 'Tuxtla Gutiérrez', 16.7516, -93.1029, 15, ['tuxtla gutierrez', 'tuxtla']),
  city('durango', 'Durango', 24.0277, -104.6532, 15, ['durango']),
  city('tampico', 'Tampico', 22.2331, -97.8611, 15, ['tampico']),
  city('reynosa', 'Reynosa', 26.0508, -98.2979, 15, ['reynosa']),
  city(
    'new-york',
    'Nueva York',
    40.7128,
    -74.006,
    40,
    ['new york', 'nueva york', 'nyc', 'manhattan', 'brooklyn', 'queens', 'bronx'],
    'New York',
  ),
  city(
    'los-angeles',
    'Los Ángeles',
    34.0522,
    -118.2437,
    50,
    ['los angeles california', 'los angeles ca', 'los angeles, ca'],
    'Los Angeles',
  ),
  city('chicago', 'Chicago', 41.8781, -87.6298, 40, ['chicago']),
  city('houston', 'Houston', 29.7604, -95.3698, 40, ['houston']),
  city('dallas', 'Dallas', 32.7767, -96.797, 40, ['dallas']),
  city('san-antonio', 'San Antonio', 29.4241, -98.4936, 30, [
    'san antonio texas',
    'san antonio tx',
  ]),
  city('phoenix', 'Phoenix', 33.4484, -112.074, 40, ['phoenix']),
  city('san-diego', 'San Diego', 32.7157, -117.1611, 30, ['san diego california', 'san diego ca']),
  city('las-vegas', 'Las Vegas', 36.1699, -115.1398, 25, ['las vegas']),
  city('miami', 'Miami', 25.7617, -80.1918, 30, ['miami']),
  city('atlanta', 'Atlanta', 33.749, -84.388, 30, ['atlanta']),
];

/** Lower case, no accents, punctuation to spaces (keeps dots of abbreviations such as "cd."). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9. ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Mexico City's streets are named after cities ("Durango 200", "Calle Monterrey", "Av. Puebla",
 * all in Roma Norte): a city name after a street word, or before a house number, is a street.
 */
const STREET_BEFORE =
  /(?:^| )(?:calle|c\.|av|av\.|avenida|blvd|blvd\.|boulevard|bulevar|calz|calz\.|calzada|priv|priv\.|privada|cerrada|cda|cda\.|andador|circuito|eje|prol|prol\.|prolongacion|retorno|esq|esq\.|esquina)$/;
const NUMBER_AFTER = /^(?:#|no\.?|num\.?|numero)? ?\d/;

const BY_ALIAS = CITIES.flatMap((c) => c.aliases.map((a) => ({ alias: fold(a), city: c }))).sort(
  (a, b) => b.alias.length - a.alias.length,
);

/** The city a typed text names ("vivo en Monterrey", "New York"), or null. Longest name first. */
export function cityInText(text: string): City | null {
  const folded = ` ${fold(text)} `;
  for (const { alias, city: c } of BY_ALIAS) {
    for (
      let at = folded.indexOf(` ${alias} `);
      at >= 0;
      at = folded.indexOf(` ${alias} `, at + 1)
    ) {
      const before = folded.slice(0, at).trimEnd();
      const after = folded.slice(at + alias.length + 2);
      if (!STREET_BEFORE.test(before) && !NUMBER_AFTER.test(after)) return c;
    }
  }
  return null;
}

const EARTH_RADIUS_KM = 6371;
const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance between two points, km. */
export function distanceKm(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const dLat = rad(bLat - aLat);
  const dLng = rad(bLng - aLng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(aLat)) * Math.cos(rad(bLat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The known city a point is in (the nearest whose radius reaches it), or null. */
export function cityAt(lat: number, lng: number): City | null {
  let best: { city: City; km: number } | null = null;
  for (const c of CITIES) {
    const km = distanceKm(lat, lng, c.lat, c.lng);
    if (km <= c.radiusKm && (best === null || km < best.km)) best = { city: c, km };
  }
  return best?.city ?? null;
}

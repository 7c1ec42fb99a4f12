/**
 * Offline gazetteer for Mexico, enough to place a typed postal code or neighbourhood without
 * calling an external geocoder (none is reachable from here, and a WhatsApp location message
 * is the preferred input anyway). Coordinates are approximate centroids (±1 km).
 *
 * Postal codes: Mexico's first two digits name the state (01–16 = Ciudad de México, by
 * alcaldía); the first three narrow it down within CDMX.
 */
export interface Place {
  name: string;
  lat: number;
  lng: number;
}

/** Exact postal codes of common CDMX neighbourhoods. */
export const POSTAL_CODES: Record<string, Place> = {
  '06000': { name: 'Centro, Cuauhtémoc, CDMX', lat: 19.4326, lng: -99.1332 },
  '06140': { name: 'Condesa, Cuauhtémoc, CDMX', lat: 19.4118, lng: -99.174 },
  '06100': { name: 'Hipódromo, Cuauhtémoc, CDMX', lat: 19.4125, lng: -99.1695 },
  '06170': { name: 'Hipódromo Condesa, Cuauhtémoc, CDMX', lat: 19.408, lng: -99.1725 },
  '06600': { name: 'Juárez, Cuauhtémoc, CDMX', lat: 19.427, lng: -99.158 },
  '06700': { name: 'Roma Norte, Cuauhtémoc, CDMX', lat: 19.4195, lng: -99.1617 },
  '06760': { name: 'Roma Sur, Cuauhtémoc, CDMX', lat: 19.4065, lng: -99.1605 },
  '06720': { name: 'Doctores, Cuauhtémoc, CDMX', lat: 19.416, lng: -99.147 },
  '06470': { name: 'San Rafael, Cuauhtémoc, CDMX', lat: 19.4395, lng: -99.1635 },
  '06400': { name: 'Santa María la Ribera, Cuauhtémoc, CDMX', lat: 19.4495, lng: -99.1595 },
  '06500': { name: 'Cuauhtémoc, Cuauhtémoc, CDMX', lat: 19.43, lng: -99.1665 },
  '11560': { name: 'Polanco, Miguel Hidalgo, CDMX', lat: 19.433, lng: -99.195 },
  '11550': { name: 'Polanco, Miguel Hidalgo, CDMX', lat: 19.4315, lng: -99.1885 },
  '11800': { name: 'Escandón, Miguel Hidalgo, CDMX', lat: 19.403, lng: -99.18 },
  '11870': { name: 'Tacubaya, Miguel Hidalgo, CDMX', lat: 19.402, lng: -99.188 },
  '11000': { name: 'Lomas de Chapultepec, Miguel Hidalgo, CDMX', lat: 19.4235, lng: -99.2125 },
  '11320': { name: 'Anzures, Miguel Hidalgo, CDMX', lat: 19.4305, lng: -99.1785 },
  '03100': { name: 'Del Valle Centro, Benito Juárez, CDMX', lat: 19.385, lng: -99.165 },
  '03020': { name: 'Narvarte Poniente, Benito Juárez, CDMX', lat: 19.396, lng: -99.153 },
  '03810': { name: 'Nápoles, Benito Juárez, CDMX', lat: 19.393, lng: -99.177 },
  '03300': { name: 'Portales, Benito Juárez, CDMX', lat: 19.37, lng: -99.147 },
  '03900': { name: 'Mixcoac, Benito Juárez, CDMX', lat: 19.3745, lng: -99.1875 },
  '03400': { name: 'Álamos, Benito Juárez, CDMX', lat: 19.3975, lng: -99.1415 },
  '04000': { name: 'Coyoacán Centro, CDMX', lat: 19.35, lng: -99.162 },
  '04100': { name: 'Del Carmen, Coyoacán, CDMX', lat: 19.3495, lng: -99.1585 },
  '04510': { name: 'Ciudad Universitaria, Coyoacán, CDMX', lat: 19.3215, lng: -99.1845 },
  '01000': { name: 'San Ángel, Álvaro Obregón, CDMX', lat: 19.347, lng: -99.19 },
  '01219': { name: 'Santa Fe, Álvaro Obregón, CDMX', lat: 19.36, lng: -99.26 },
  '14000': { name: 'Tlalpan Centro, CDMX', lat: 19.29, lng: -99.168 },
  '02000': { name: 'Azcapotzalco Centro, CDMX', lat: 19.485, lng: -99.185 },
  '07300': { name: 'Lindavista, Gustavo A. Madero, CDMX', lat: 19.488, lng: -99.128 },
  '09000': { name: 'Iztapalapa Centro, CDMX', lat: 19.357, lng: -99.093 },
  '16000': { name: 'Xochimilco Centro, CDMX', lat: 19.262, lng: -99.104 },
  '15000': { name: 'Venustiano Carranza, CDMX', lat: 19.4305, lng: -99.1045 },
  '08000': { name: 'Iztacalco, CDMX', lat: 19.3955, lng: -99.0975 },
};

/** Two-digit CDMX prefixes → alcaldía centroid. */
export const CDMX_ALCALDIAS: Record<string, Place> = {
  '01': { name: 'Álvaro Obregón, CDMX', lat: 19.3587, lng: -99.2033 },
  '02': { name: 'Azcapotzalco, CDMX', lat: 19.4869, lng: -99.1844 },
  '03': { name: 'Benito Juárez, CDMX', lat: 19.3806, lng: -99.1611 },
  '04': { name: 'Coyoacán, CDMX', lat: 19.3467, lng: -99.1617 },
  '05': { name: 'Cuajimalpa, CDMX', lat: 19.3569, lng: -99.2994 },
  '06': { name: 'Cuauhtémoc, CDMX', lat: 19.4326, lng: -99.1465 },
  '07': { name: 'Gustavo A. Madero, CDMX', lat: 19.4822, lng: -99.1133 },
  '08': { name: 'Iztacalco, CDMX', lat: 19.3953, lng: -99.0975 },
  '09': { name: 'Iztapalapa, CDMX', lat: 19.3553, lng: -99.0622 },
  '10': { name: 'Magdalena Contreras, CDMX', lat: 19.3322, lng: -99.2114 },
  '11': { name: 'Miguel Hidalgo, CDMX', lat: 19.4147, lng: -99.1969 },
  '12': { name: 'Milpa Alta, CDMX', lat: 19.1925, lng: -99.0231 },
  '13': { name: 'Tláhuac, CDMX', lat: 19.2861, lng: -99.0058 },
  '14': { name: 'Tlalpan, CDMX', lat: 19.2947, lng: -99.1694 },
  '15': { name: 'Venustiano Carranza, CDMX', lat: 19.4305, lng: -99.1045 },
  '16': { name: 'Xochimilco, CDMX', lat: 19.2572, lng: -99.1039 },
};

/** Large metro areas outside CDMX by the first two digits of the postal code. */
export const METRO_PREFIXES: Record<string, Place> = {
  '44': { name: 'Guadalajara, Jal.', lat: 20.6767, lng: -103.3475 },
  '45': { name: 'Zapopan, Jal.', lat: 20.7214, lng: -103.3918 },
  '64': { name: 'Monterrey, N.L.', lat: 25.6866, lng: -100.3161 },
  '66': { name: 'San Pedro Garza García, N.L.', lat: 25.6573, lng: -100.4024 },
  '72': { name: 'Puebla, Pue.', lat: 19.0414, lng: -98.2063 },
  '76': { name: 'Querétaro, Qro.', lat: 20.5888, lng: -100.3899 },
  '53': { name: 'Naucalpan, Méx.', lat: 19.4785, lng: -99.2396 },
  '54': { name: 'Tlalnepantla, Méx.', lat: 19.5407, lng: -99.1951 },
  '57': { name: 'Nezahualcóyotl, Méx.', lat: 19.4006, lng: -99.0148 },
};

/**
 * Neighbourhood names people type (accent- and case-insensitive), → place. Cities ("Monterrey")
 * are in cities.ts: they are looked for only when no neighbourhood matched, because Mexico City's
 * streets carry city names ("Monterrey 120, Roma Norte").
 */
export const NEIGHBOURHOODS: [string, Place][] = [
  ['roma norte', POSTAL_CODES['06700']],
  ['roma sur', POSTAL_CODES['06760']],
  ['roma', POSTAL_CODES['06700']],
  ['hipodromo', POSTAL_CODES['06100']],
  ['condesa', POSTAL_CODES['06140']],
  ['juarez', POSTAL_CODES['06600']],
  ['zona rosa', POSTAL_CODES['06600']],
  ['doctores', POSTAL_CODES['06720']],
  ['san rafael', POSTAL_CODES['06470']],
  ['santa maria la ribera', POSTAL_CODES['06400']],
  ['centro historico', POSTAL_CODES['06000']],
  ['polanco', POSTAL_CODES['11560']],
  ['escandon', POSTAL_CODES['11800']],
  ['tacubaya', POSTAL_CODES['11870']],
  ['lomas de chapultepec', POSTAL_CODES['11000']],
  ['anzures', POSTAL_CODES['11320']],
  ['del valle', POSTAL_CODES['03100']],
  ['narvarte', POSTAL_CODES['03020']],
  ['napoles', POSTAL_CODES['03810']],
  ['portales', POSTAL_CODES['03300']],
  ['mixcoac', POSTAL_CODES['03900']],
  ['alamos', POSTAL_CODES['03400']],
  ['coyoacan', POSTAL_CODES['04000']],
  ['ciudad universitaria', POSTAL_CODES['04510']],
  ['san angel', POSTAL_CODES['01000']],
  ['santa fe', POSTAL_CODES['01219']],
  ['tlalpan', POSTAL_CODES['14000']],
  ['azcapotzalco', POSTAL_CODES['02000']],
  ['lindavista', POSTAL_CODES['07300']],
  ['iztapalapa', POSTAL_CODES['09000']],
  ['xochimilco', POSTAL_CODES['16000']],
  ['venustiano carranza', POSTAL_CODES['15000']],
  ['iztacalco', POSTAL_CODES['08000']],
  ['benito juarez', CDMX_ALCALDIAS['03']],
  ['cuauhtemoc', CDMX_ALCALDIAS['06']],
  ['miguel hidalgo', CDMX_ALCALDIAS['11']],
  ['gustavo a. madero', CDMX_ALCALDIAS['07']],
];

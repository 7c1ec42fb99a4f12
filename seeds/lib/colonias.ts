/** Neighbourhoods (colonias) of Mexico City with approximate centre coordinates. */
export interface Colonia {
  name: string;
  alcaldia: string;
  lat: number;
  lng: number;
}

export const COLONIAS: readonly Colonia[] = [
  { name: 'Roma Norte', alcaldia: 'Cuauhtémoc', lat: 19.4194, lng: -99.1617 },
  { name: 'Condesa', alcaldia: 'Cuauhtémoc', lat: 19.4111, lng: -99.1733 },
  { name: 'Juárez', alcaldia: 'Cuauhtémoc', lat: 19.427, lng: -99.158 },
  { name: 'Centro Histórico', alcaldia: 'Cuauhtémoc', lat: 19.4326, lng: -99.1332 },
  { name: 'Doctores', alcaldia: 'Cuauhtémoc', lat: 19.42, lng: -99.143 },
  { name: 'Santa María la Ribera', alcaldia: 'Cuauhtémoc', lat: 19.449, lng: -99.16 },
  { name: 'Polanco', alcaldia: 'Miguel Hidalgo', lat: 19.433, lng: -99.195 },
  { name: 'Escandón', alcaldia: 'Miguel Hidalgo', lat: 19.403, lng: -99.181 },
  { name: 'Del Valle', alcaldia: 'Benito Juárez', lat: 19.385, lng: -99.165 },
  { name: 'Narvarte', alcaldia: 'Benito Juárez', lat: 19.395, lng: -99.15 },
  { name: 'Nápoles', alcaldia: 'Benito Juárez', lat: 19.393, lng: -99.177 },
  { name: 'Coyoacán', alcaldia: 'Coyoacán', lat: 19.35, lng: -99.1625 },
  { name: 'San Ángel', alcaldia: 'Álvaro Obregón', lat: 19.346, lng: -99.19 },
  { name: 'Tlalpan Centro', alcaldia: 'Tlalpan', lat: 19.29, lng: -99.17 },
  { name: 'Lindavista', alcaldia: 'Gustavo A. Madero', lat: 19.488, lng: -99.129 },
  { name: 'Iztacalco', alcaldia: 'Iztacalco', lat: 19.396, lng: -99.097 },
];

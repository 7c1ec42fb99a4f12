/** Mexican metro areas for generated data: centre, spread (km, 1σ) and share of providers. */
export interface City {
  name: string;
  lat: number;
  lng: number;
  sigmaKm: number;
  weight: number;
}

export const CITIES: readonly City[] = [
  { name: 'Ciudad de México', lat: 19.4326, lng: -99.1332, sigmaKm: 9, weight: 40 },
  { name: 'Guadalajara', lat: 20.6597, lng: -103.3496, sigmaKm: 7, weight: 12 },
  { name: 'Monterrey', lat: 25.6866, lng: -100.3161, sigmaKm: 7, weight: 12 },
  { name: 'Puebla', lat: 19.0414, lng: -98.2063, sigmaKm: 5, weight: 7 },
  { name: 'Tijuana', lat: 32.5149, lng: -117.0382, sigmaKm: 6, weight: 6 },
  { name: 'Toluca', lat: 19.2826, lng: -99.6557, sigmaKm: 5, weight: 5 },
  { name: 'León', lat: 21.125, lng: -101.686, sigmaKm: 5, weight: 5 },
  { name: 'Querétaro', lat: 20.5888, lng: -100.3899, sigmaKm: 5, weight: 5 },
  { name: 'Mérida', lat: 20.9674, lng: -89.5926, sigmaKm: 5, weight: 4 },
  { name: 'Cancún', lat: 21.1619, lng: -86.8515, sigmaKm: 4, weight: 4 },
];

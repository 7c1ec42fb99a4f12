/** Coverage verdicts of geocodeAddress / findCandidates, and joinWaitlist against real Postgres. */
import type { Knex } from 'knex';
import { waitlistByCity } from '../../../src/db/coverage-waitlist';
import { createTestDb, type TestDb } from '../../helpers/db';
import {
  handlersFor,
  makeProvider,
  makeServiceType,
  makeUser,
  near,
  nextWaId,
  runner,
} from './fixtures';

const MONTERREY = { lat: 25.6866, lng: -100.3161 };

describe('operations: coverage', () => {
  let db: TestDb;
  let knex: Knex;
  let run: ReturnType<typeof runner>;

  beforeAll(async () => {
    db = await createTestDb();
    knex = db.knex;
    run = runner(handlersFor(knex));
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('geocodeAddress finds a city we do not serve, with the verdict; a covered colonia is covered', async () => {
    const as = { waId: nextWaId() };
    expect(
      await run(
        'geocodeAddress',
        { query: 'Vivo en Monterrey', kind: 'address', country: 'MX' },
        as,
      ),
    ).toEqual({
      status: 'found',
      lat: MONTERREY.lat,
      lng: MONTERREY.lng,
      label: 'Monterrey',
      matchedBy: 'city',
      coverage: {
        covered: false,
        place: { es: 'Monterrey', en: 'Monterrey' },
        served: [{ es: 'Ciudad de México', en: 'Mexico City' }],
      },
    });
    expect(
      await run(
        'geocodeAddress',
        { query: 'Colima 143, Roma Norte', kind: 'address', country: 'MX' },
        as,
      ),
    ).toMatchObject({
      status: 'found',
      coverage: { covered: true },
    });
    expect(
      await run('geocodeAddress', { query: '64000', kind: 'postalCode', country: 'MX' }, as),
    ).toMatchObject({
      coverage: { covered: false, place: { es: 'Monterrey' } },
    });
  });

  it('findCandidates says whether the point is covered, with or without providers there', async () => {
    const customer = await makeUser(knex, 'Rosa');
    const svc = await makeServiceType(knex, 'coverage_svc');
    await makeProvider(knex, { services: [svc.id], at: near(0.5) });
    const here = await run(
      'findCandidates',
      { serviceTypeId: svc.id, ...near(0), customerUserId: customer.id, limit: 5 },
      customer,
    );
    expect(here.candidates).toHaveLength(1);
    expect(here.coverage).toEqual({ covered: true });
    const there = await run(
      'findCandidates',
      { serviceTypeId: svc.id, ...MONTERREY, customerUserId: customer.id, limit: 5 },
      customer,
    );
    expect(there).toEqual({
      candidates: [],
      coverage: {
        covered: false,
        place: { es: 'Monterrey', en: 'Monterrey' },
        served: [{ es: 'Ciudad de México', en: 'Mexico City' }],
      },
    });
  });

  it('joinWaitlist keeps one row per person and city, with the area rounded to ~1 km', async () => {
    const rosa = await makeUser(knex, 'Rosa');
    const out = await run(
      'joinWaitlist',
      { userId: rosa.id, lat: 25.671234, lng: -100.309876 },
      rosa,
    );
    expect(out).toEqual({ status: 'joined', place: { es: 'Monterrey', en: 'Monterrey' } });
    expect(await run('joinWaitlist', { userId: rosa.id, lat: 25.7, lng: -100.3 }, rosa)).toEqual({
      status: 'already',
      place: { es: 'Monterrey', en: 'Monterrey' },
    });
    const rows = await knex('coverage_waitlist').where({ user_id: rosa.id });
    expect(rows).toEqual([
      {
        id: expect.anything(),
        user_id: rosa.id,
        city: 'monterrey',
        lat: 25.67,
        lng: -100.31,
        created_at: expect.any(Date),
      },
    ]);

    // Somewhere we do not know by name: one "other" entry; another city: its own row.
    expect(await run('joinWaitlist', { userId: rosa.id, lat: 23.5, lng: -102.5 }, rosa)).toEqual({
      status: 'joined',
      place: null,
    });
    expect(
      await run('joinWaitlist', { userId: rosa.id, lat: 40.71, lng: -74.0 }, rosa),
    ).toMatchObject({
      status: 'joined',
      place: { en: 'New York' },
    });
    const luis = await makeUser(knex, 'Luis');
    await run('joinWaitlist', { userId: luis.id, ...MONTERREY }, luis);
    expect(await waitlistByCity(knex)).toEqual(
      expect.arrayContaining([
        { city: 'monterrey', people: 2 },
        { city: 'other', people: 1 },
        { city: 'new-york', people: 1 },
      ]),
    );
    expect((await waitlistByCity(knex))[0]).toEqual({ city: 'monterrey', people: 2 });

    // Erasing a user erases their wishes.
    await knex('users').where({ id: luis.id }).delete();
    expect(await knex('coverage_waitlist').where({ user_id: luis.id })).toEqual([]);
  });

  it('joinWaitlist uses the time of the call', async () => {
    const u = await makeUser(knex, 'Tomás');
    const now = Date.parse('2026-12-01T10:00:00Z');
    await run('joinWaitlist', { userId: u.id, ...MONTERREY }, u, { now });
    const row = await knex('coverage_waitlist').where({ user_id: u.id }).first();
    expect(new Date(row.created_at).getTime()).toBe(now);
  });
});

/**
 * Providers (a user who offers services) and the services each one offers.
 *
 * Writers only ever set lat/lng; a trigger keeps `location` (an earthdistance point) in step.
 * `provider_services` also carries a copy of what matching needs — location, radius and
 * `available` (approved, online, not deleted, not busy) — kept in step by triggers in the same
 * transaction, so one partial GiST index on (service, location) answers "nearest available
 * plumbers" without visiting providers of other trades or offline ones. See docs/data-model.md.
 *
 * Trigger functions capture this migration's search_path (`set search_path from current`):
 * earthdistance 1.1 calls cube functions unqualified, and the functions name tables of this schema.
 */
import type { Knex } from 'knex';

const MAX_RADIUS_KM = 50;
const AVAILABLE =
  "new.status = 'approved' and new.online and new.deleted_at is null and new.current_request_id is null";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('providers', (t) => {
    t.increments('id').primary();
    t.integer('user_id')
      .notNullable()
      .unique()
      .references('id')
      .inTable('users')
      .onDelete('restrict');
    t.text('display_name').notNullable();
    t.string('status', 16).notNullable().defaultTo('pending');
    t.boolean('online').notNullable().defaultTo(false);
    t.timestamp('last_online_at', { useTz: true });
    t.double('lat').notNullable();
    t.double('lng').notNullable();
    t.specificType('location', 'public.earth').notNullable();
    t.double('radius_km').notNullable().defaultTo(5);
    t.integer('rating_sum').notNullable().defaultTo(0);
    t.integer('rating_count').notNullable().defaultTo(0);
    t.integer('current_request_id');
    t.timestamp('last_offered_at', { useTz: true });
    t.timestamp('approved_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
    t.check(
      "status in ('pending', 'approved', 'rejected', 'suspended')",
      [],
      'providers_status_check',
    );
    t.check('lat between -90 and 90 and lng between -180 and 180', [], 'providers_lat_lng_check');
    t.check(`radius_km > 0 and radius_km <= ${MAX_RADIUS_KM}`, [], 'providers_radius_check');
    t.check(
      'rating_sum >= 0 and rating_count >= 0 and rating_sum <= 5 * rating_count',
      [],
      'providers_rating_check',
    );
  });
  // Admin listing: filter by status, newest first.
  await knex.raw(
    'create index providers_status_id_idx on providers (status, id desc) where deleted_at is null',
  );
  // "Who is online" (metrics gauge, admin filter online=true).
  await knex.raw(
    "create index providers_online_idx on providers (id) where online and status = 'approved' and deleted_at is null",
  );

  await knex.schema.createTable('provider_services', (t) => {
    t.integer('provider_id')
      .notNullable()
      .references('id')
      .inTable('providers')
      .onDelete('cascade');
    t.integer('service_type_id')
      .notNullable()
      .references('id')
      .inTable('service_types')
      .onDelete('restrict');
    t.specificType('location', 'public.earth').notNullable();
    t.double('radius_km').notNullable();
    t.boolean('available').notNullable();
    t.primary(['provider_id', 'service_type_id']);
    // Admin "providers offering X" and the online-per-service gauge.
    t.index(['service_type_id', 'provider_id'], 'provider_services_service_idx');
  });
  // Matching: nearest available providers of one service (KNN `<->`, box `@>`).
  await knex.raw(
    'create index provider_services_matching_gist on provider_services using gist (service_type_id, location) where available',
  );

  await knex.raw(`
    create function providers_set_location() returns trigger
    language plpgsql set search_path from current as $$
    begin
      new.location := ll_to_earth(new.lat, new.lng);
      return new;
    end $$`);
  await knex.raw(`
    create trigger providers_location_trg before insert or update of lat, lng on providers
    for each row execute function providers_set_location()`);

  await knex.raw(`
    create function provider_services_fill() returns trigger
    language plpgsql set search_path from current as $$
    begin
      select p.location, p.radius_km,
             p.status = 'approved' and p.online and p.deleted_at is null and p.current_request_id is null
        into new.location, new.radius_km, new.available
        from providers p where p.id = new.provider_id;
      return new;
    end $$`);
  await knex.raw(`
    create trigger provider_services_fill_trg before insert or update of provider_id on provider_services
    for each row execute function provider_services_fill()`);

  await knex.raw(`
    create function providers_sync_services() returns trigger
    language plpgsql set search_path from current as $$
    begin
      update provider_services
         set location = new.location, radius_km = new.radius_km, available = (${AVAILABLE})
       where provider_id = new.id
         and (location is distinct from new.location or radius_km is distinct from new.radius_km
              or available is distinct from (${AVAILABLE}));
      return null;
    end $$`);
  await knex.raw(`
    create trigger providers_sync_services_trg
    after update of lat, lng, radius_km, status, online, deleted_at, current_request_id on providers
    for each row execute function providers_sync_services()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('provider_services');
  await knex.schema.dropTable('providers');
  await knex.raw('drop function provider_services_fill()');
  await knex.raw('drop function providers_sync_services()');
  await knex.raw('drop function providers_set_location()');
}

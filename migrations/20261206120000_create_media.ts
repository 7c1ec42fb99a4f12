/**
 * Media received from WhatsApp users (photos, voice notes, videos, documents), one row per stored
 * file; the bytes are in the media storage (a local directory or an S3 bucket) under `storage_key`.
 *
 * Life of a row (backend/src/media/): inserted *pending* (`stored_at` null) before the file is
 * written, marked stored once it is; deleted (retention, a person's deletion request) by first
 * setting `deleted_at`, then removing the file, then the row. So a crash never leaves a file
 * without a row: pending rows older than an hour and rows with `deleted_at` are swept by the
 * retention job, file first.
 *
 * `idempotency_key` is the id of the event that caused the save (a redelivered or retried event
 * finds its row instead of downloading again). `request_id` links a problem's photos and voice
 * notes to its service request. `cloud_media_id` caches the Cloud API id of our re-upload of the
 * file (valid 30 days at Meta), so showing it to several providers uploads it once.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('media', (t) => {
    t.increments('id').primary();
    // No cascade: deleting a person goes through media/deleteMediaOf, which removes the files too.
    t.integer('owner_user_id').notNullable().references('id').inTable('users').onDelete('restrict');
    t.integer('request_id').references('id').inTable('service_requests').onDelete('set null');
    t.string('media_type', 16).notNullable();
    t.string('mime_type', 128).notNullable();
    t.integer('size_bytes');
    /** Hex sha256 of the stored bytes (computed by us). */
    t.string('sha256', 64);
    t.string('storage_backend', 8).notNullable();
    t.string('storage_key', 300).notNullable().unique();
    t.text('caption');
    t.string('filename', 300);
    t.boolean('voice').notNullable().defaultTo(false);
    /** The Cloud API media id the user's message carried. */
    t.string('source_media_id', 128).notNullable();
    t.string('idempotency_key', 200).notNullable().unique();
    t.string('cloud_media_id', 128);
    t.timestamp('cloud_uploaded_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('stored_at', { useTz: true });
    t.timestamp('deleted_at', { useTz: true });
    t.check(
      "media_type in ('image', 'audio', 'video', 'document', 'sticker')",
      [],
      'media_type_check',
    );
    t.check("storage_backend in ('local', 's3')", [], 'media_storage_backend_check');
    t.check('size_bytes is null or size_bytes >= 0', [], 'media_size_check');
    t.check(
      'stored_at is null or (size_bytes is not null and sha256 is not null)',
      [],
      'media_stored_check',
    );
    // A person's media (deletion on request).
    t.index(['owner_user_id', 'created_at'], 'media_owner_idx');
    // Retention by age.
    t.index(['created_at'], 'media_created_idx');
  });
  // A request's media, shown to providers (live rows only).
  await knex.raw(
    'create index media_request_idx on media (request_id, created_at) where request_id is not null and deleted_at is null',
  );
  // Rows whose file is being deleted (the sweep's queue).
  await knex.raw(
    'create index media_deleted_idx on media (deleted_at) where deleted_at is not null',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('media');
}

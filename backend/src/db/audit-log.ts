/** Append-only record of administrative changes. `actor` identifies a key without revealing it. */
import type { Knex } from 'knex';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  data?: Record<string, unknown>;
}

export interface AuditRow {
  id: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

export async function writeAudit(knex: Knex, entry: AuditEntry): Promise<void> {
  await knex('audit_log').insert({
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId == null ? null : String(entry.entityId),
    data: JSON.stringify(entry.data ?? {}),
  });
}

export async function listAudit(
  knex: Knex,
  filter: { entity?: string; entityId?: string | number; limit?: number } = {},
): Promise<AuditRow[]> {
  const q = knex('audit_log')
    .select(
      'id',
      'actor',
      'action',
      'entity',
      'entity_id as entityId',
      'data',
      'created_at as createdAt',
    )
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(filter.limit ?? 100);
  if (filter.entity) q.where('entity', filter.entity);
  if (filter.entityId !== undefined) q.where('entity_id', String(filter.entityId));
  const rows = await q;
  return rows.map((r: AuditRow & { id: string | number }) => ({ ...r, id: String(r.id) }));
}

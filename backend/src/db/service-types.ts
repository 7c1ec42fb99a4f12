/** The catalogue of trades. Deactivated types stay in the table (old requests point at them). */
import type { Knex } from 'knex';
import { selectList, type ColumnMap } from './columns';
import { isUniqueViolation } from './errors';

export interface ServiceType {
  id: number;
  code: string;
  nameEs: string;
  nameEn: string;
  active: boolean;
  sortOrder: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

const COLUMNS: ColumnMap<ServiceType> = {
  id: 'id',
  code: 'code',
  nameEs: 'name_es',
  nameEn: 'name_en',
  active: 'active',
  sortOrder: 'sort_order',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  deletedAt: 'deleted_at',
};
const SELECT = selectList(COLUMNS);

export async function listServiceTypes(
  knex: Knex,
  options: { includeInactive?: boolean } = {},
): Promise<ServiceType[]> {
  const q = knex('service_types')
    .select(SELECT)
    .whereNull('deleted_at')
    .orderBy([{ column: 'sort_order' }, { column: 'id' }]);
  if (!options.includeInactive) q.where({ active: true });
  return q;
}

export async function getServiceTypeById(knex: Knex, id: number): Promise<ServiceType | null> {
  return (
    (await knex('service_types').select(SELECT).where({ id }).first<ServiceType | undefined>()) ??
    null
  );
}

/** The ids among `ids` of service types that are active and not deleted. */
export async function filterActiveServiceTypeIds(
  knex: Knex,
  ids: readonly number[],
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows: { id: number }[] = await knex('service_types')
    .select('id')
    .whereIn('id', ids)
    .where({ active: true })
    .whereNull('deleted_at');
  return rows.map((r) => r.id);
}

export interface NewServiceType {
  code: string;
  nameEs: string;
  nameEn: string;
  sortOrder?: number;
  active?: boolean;
}

export async function createServiceType(
  knex: Knex,
  input: NewServiceType,
): Promise<{ ok: true; serviceType: ServiceType } | { ok: false; reason: 'code_taken' }> {
  try {
    const [row] = await knex('service_types')
      .insert({
        code: input.code,
        name_es: input.nameEs,
        name_en: input.nameEn,
        sort_order: input.sortOrder ?? 0,
        active: input.active ?? true,
      })
      .returning<ServiceType[]>(SELECT);
    return { ok: true, serviceType: row! };
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, reason: 'code_taken' };
    throw err;
  }
}

export type ServiceTypePatch = Partial<
  Pick<ServiceType, 'nameEs' | 'nameEn' | 'sortOrder' | 'active'>
>;

export async function updateServiceType(
  knex: Knex,
  id: number,
  patch: ServiceTypePatch,
): Promise<ServiceType | null> {
  const values: Record<string, unknown> = {};
  if (patch.nameEs !== undefined) values.name_es = patch.nameEs;
  if (patch.nameEn !== undefined) values.name_en = patch.nameEn;
  if (patch.sortOrder !== undefined) values.sort_order = patch.sortOrder;
  if (patch.active !== undefined) values.active = patch.active;
  const [row] = await knex('service_types')
    .update({ ...values, updated_at: knex.fn.now() })
    .where({ id })
    .whereNull('deleted_at')
    .returning<ServiceType[]>(SELECT);
  return row ?? null;
}

/** Stop offering a trade: hidden from menus and matching; existing requests keep it. */
export async function deactivateServiceType(knex: Knex, id: number): Promise<ServiceType | null> {
  return updateServiceType(knex, id, { active: false });
}

/** The catalogue of trades. Deactivated types stay in the table (old requests point at them). */
import type { Knex } from 'knex';
import { selectList, type ColumnMap } from './columns';
import { isUniqueViolation } from './errors';
import type { Locale } from './users';

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

export interface LocalizedServiceType {
  id: number;
  code: string;
  name: string;
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

/** Active, not deleted, in menu order, named in the user's language. */
export async function listActiveServiceTypes(knex: Knex, locale: Locale): Promise<LocalizedServiceType[]> {
  return knex('service_types')
    .select('id', 'code', locale === 'en' ? 'name_en as name' : 'name_es as name')
    .where({ active: true })
    .whereNull('deleted_at')
    .orderBy([{ column: 'sort_order' }, { column: 'id' }]);
}

export async function listServiceTypes(knex: Knex, options: { includeInactive?: boolean } = {}): Promise<ServiceType[]> {
  const q = knex('service_types').select(SELECT).whereNull('deleted_at').orderBy([{ column: 'sort_order' }, { column: 'id' }]);
  if (!options.includeInactive) q.where({ active: true });
  return q;
}

export async function getServiceTypeById(knex: Knex, id: number): Promise<ServiceType | null> {
  return (await knex('service_types').select(SELECT).where({ id }).first<ServiceType | undefined>()) ?? null;
}

export async function getServiceTypeByCode(knex: Knex, code: string): Promise<ServiceType | null> {
  return (await knex('service_types').select(SELECT).where({ code }).first<ServiceType | undefined>()) ?? null;
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

export type ServiceTypePatch = Partial<Pick<ServiceType, 'nameEs' | 'nameEn' | 'sortOrder' | 'active'>>;

export async function updateServiceType(knex: Knex, id: number, patch: ServiceTypePatch): Promise<ServiceType | null> {
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

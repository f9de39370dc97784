import { failure, type Failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import {
  deleteCsvMapping as deleteRow,
  findCsvMapping,
  findCsvMappingByName,
  insertCsvMapping,
  updateCsvMapping as updateRow,
  type CsvMappingRow,
} from '../../db/repositories/banking.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { validateCsvMapping } from '../../payments/statements/index.ts';
import { nowDate, type Ctx } from '../context.ts';
import { cleanAccount } from './account-key.ts';
import type { CreateCsvMappingInput, UpdateCsvMappingInput } from './inputs.ts';

const notFound = () => failure('CSV_MAPPING_NOT_FOUND', 'No such saved CSV mapping', 'id');

function checkMapping(mapping: unknown): Failure | null {
  const checked = validateCsvMapping(mapping);
  if (checked.ok) return null;
  return failure(checked.code, checked.message, checked.field && checked.field !== 'mapping' ? `mapping.${checked.field}` : 'mapping');
}

async function nameTaken(tx: Db, orgId: string, name: string, except?: string): Promise<Failure | null> {
  const other = await findCsvMappingByName(tx, orgId, name);
  return other && other.id !== except ? failure('CSV_MAPPING_NAME_TAKEN', `A mapping named "${other.name}" exists`, 'name') : null;
}

export async function createCsvMapping(ctx: Ctx, input: CreateCsvMappingInput): Promise<Result<CsvMappingRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const name = input.name.trim();
    if (name === '') return failure('INVALID_NAME', 'The mapping needs a name', 'name');
    const bad = checkMapping(input.mapping) ?? (await nameTaken(tx, ctx.orgId, name));
    if (bad) return bad;
    const account = cleanAccount(input.accountIban, 'accountIban');
    if (!account.ok) return account;
    const at = nowDate(ctx);
    const row = await insertCsvMapping(tx, { orgId: ctx.orgId, id: newId(), name, mapping: input.mapping, accountIban: account.value, createdAt: at, updatedAt: at });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'bank_csv_mapping', entityId: row.id, action: 'bank_csv_mapping.created', after: row }]);
    return success(row);
  });
}

export async function updateCsvMapping(ctx: Ctx, id: string, input: UpdateCsvMappingInput): Promise<Result<CsvMappingRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findCsvMapping(tx, ctx.orgId, id, true);
    if (!before) return notFound();
    const name = input.name?.trim();
    if (name === '') return failure('INVALID_NAME', 'The mapping needs a name', 'name');
    const bad = (input.mapping === undefined ? null : checkMapping(input.mapping)) ?? (name === undefined ? null : await nameTaken(tx, ctx.orgId, name, id));
    if (bad) return bad;
    const account = cleanAccount(input.accountIban, 'accountIban');
    if (!account.ok) return account;
    const at = nowDate(ctx);
    const after = await updateRow(tx, ctx.orgId, id, {
      ...(name === undefined ? {} : { name }),
      ...(input.mapping === undefined ? {} : { mapping: input.mapping }),
      ...(input.accountIban === undefined ? {} : { accountIban: account.value }),
      updatedAt: at,
    });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'bank_csv_mapping', entityId: id, action: 'bank_csv_mapping.updated', before, after }]);
    return success(after);
  });
}

export async function deleteCsvMapping(ctx: Ctx, id: string): Promise<Result<CsvMappingRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findCsvMapping(tx, ctx.orgId, id, true);
    if (!before) return notFound();
    await deleteRow(tx, ctx.orgId, id);
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [{ entityType: 'bank_csv_mapping', entityId: id, action: 'bank_csv_mapping.deleted', before }]);
    return success(before);
  });
}

import { and, asc, eq, notInArray } from 'drizzle-orm';
import type { AcknowledgementsResponse, TransactionType } from '../../contract/index.ts';
import type { Db } from '../storage/db.ts';
import { acknowledgementSets, orderPropertyDefinitions } from '../storage/schema.ts';

/** What a carrier asks people to read and accept for a type in this tenant: empty lists when it asks nothing. */
export async function acknowledgementsFor(db: Db, tenantId: number, vendorId: number, type: TransactionType): Promise<AcknowledgementsResponse> {
  const row = (await db
    .select({ infoblocks: acknowledgementSets.infoblocks, acknowledgements: acknowledgementSets.acknowledgements })
    .from(acknowledgementSets)
    .where(and(eq(acknowledgementSets.tenantId, tenantId), eq(acknowledgementSets.vendorId, vendorId), eq(acknowledgementSets.transactionType, type))).limit(1))[0];
  return {
    infoblocks: (row?.infoblocks ?? []) as AcknowledgementsResponse['infoblocks'],
    acknowledgements: (row?.acknowledgements ?? []) as AcknowledgementsResponse['acknowledgements'],
  };
}

type AppliesWhen = (typeof orderPropertyDefinitions.$inferSelect)['appliesWhen'];

/** A carrier's order property definitions for a type, in display order, leaving out those that apply only when `excluded`. */
export const propertyDefinitionsFor = async (db: Db, tenantId: number, vendorId: number, type: TransactionType, excluded: AppliesWhen[]) =>
  await db
    .select({ groupId: orderPropertyDefinitions.groupId, definition: orderPropertyDefinitions.definition })
    .from(orderPropertyDefinitions)
    .where(
      and(
        eq(orderPropertyDefinitions.tenantId, tenantId),
        eq(orderPropertyDefinitions.vendorId, vendorId),
        eq(orderPropertyDefinitions.transactionType, type),
        excluded.length > 0 ? notInArray(orderPropertyDefinitions.appliesWhen, excluded) : undefined,
      ),
    )
    .orderBy(asc(orderPropertyDefinitions.position), asc(orderPropertyDefinitions.id));

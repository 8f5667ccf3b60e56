import type { TransactionType } from '../../contract/reference.ts';
import { typeModules } from '../features/wizard/model/types/index.ts';

/** Each transaction type in a few words a person recognises, for lists, menus and filters. */
export const transactionTypeWords = Object.fromEntries(
  Object.values(typeModules).map((module) => [module.type, module.words]),
) as Record<TransactionType, string>;

export function typeWords(type: string): string {
  return (transactionTypeWords as Record<string, string>)[type] ?? type;
}
